// Public API of the trace analysis. The site imports only from here.
//
//   analyseInWorker(file, { onProgress, signal })  in the page: analysis in a Web Worker -> TraceModel
//   analyseTrace(source, { onProgress, signal })   anywhere: bytes, a ReadableStream or AsyncIterable of chunks
//   analyseBytes(bytes)                            synchronous, whole buffer
//   analyseTracePart, joinParts, modelFromPart     a trace cut at a generation boundary, read in two parts at once
//   findings(model), findingRules                  the trace doctor
//   goroutineGroupSummaries(model), blockRateByWindow(model, windowNs)
//   stateEnd, stateOpen, goroutineOfRow            rows of the goroutine state table (queries.ts)
//   linkSpansToTasks(model, spans), spanWork(model, task)   OpenTelemetry spans on the trace (span-tasks.ts)
//   GState and the model's types (model.ts)

export * from './model.ts';
export { analyseTrace, analyseTracePart, analyseBytes, modelFromPart, Analyser, groupName, isSystemFunc, type AnalyseOptions } from './analyse.ts';
export { joinParts, type AnalysisPart } from './part.ts';
export { stateEnd, stateOpen, goroutineOfRow } from './queries.ts';
export { linkSpansToTasks, spanWork, SPAN_LOG_CATEGORY, type SpanRef, type SpanTaskLink, type SpanWork, type SpanWait, type GoroutineShare } from './span-tasks.ts';
export { goroutineGroupSummaries, blockRateByWindow, type BlockRateOptions } from './summaries.ts';
export { findings, findingRules, doctorThresholds, type FindingRule, type FindingRuleId } from './doctor.ts';
export { analyseInWorker, type AnalyseInWorkerOptions } from './client.ts';
export { transferables, type ToWorker, type FromWorker } from './worker-protocol.ts';

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
//   requestGoAnalyses(file, { onProgress, signal })  go tool trace's own analyses (Go 1.27's Summarizer,
//                                  MMU, blocking profiles), in a Web Worker: a second reading of the file
//   requestGoViewSummary(file, ...)  the same in lean mode, what the viewer's views show (GoViewSummary:
//                                  regions and tasks summed up per type, none kept one by one)
//   goAnalyses, goroutineGroups, regionTypes, taskTypes, nonOverlappingStats, ... (go/index.ts)
//   blockingProfilesOf(bytes), pprofBytes(records)   go tool trace -pprof's profiles, and the .pb.gz file

export * from './model.ts';
export { analyseTrace, analyseTracePart, analyseBytes, modelFromPart, Analyser, groupName, isSystemFunc, type AnalyseOptions } from './analyse.ts';
export { joinParts, type AnalysisPart } from './part.ts';
export { stateEnd, stateOpen, goroutineOfRow } from './queries.ts';
export { linkSpansToTasks, spanWork, SPAN_LOG_CATEGORY, type SpanRef, type SpanTaskLink, type SpanWork, type SpanWait, type GoroutineShare } from './span-tasks.ts';
export { goroutineGroupSummaries, blockRateByWindow, type BlockRateOptions } from './summaries.ts';
export { findings, findingRules, doctorThresholds, type FindingRule, type FindingRuleId } from './doctor.ts';
export {
  analyseInWorker, requestGoAnalyses, requestGoViewSummary,
  type AnalyseInWorkerOptions, type GoAnalysesResult, type GoViewSummaryResult, type MmuAccess, type RequestGoAnalysesOptions,
} from './client.ts';
export {
  goAnalyses, goAnalysesOfBytes, goAnalysesOfStream, goAnalysesData, goViewSummary, GoAnalyser, Summarizer, isSystemGoroutine,
  LatencyTypes, latencyTypes, latencyStats, histogram, sortedHistogram, nearestRank, regionInstance, taskInstance,
  goroutineGroups, nonOverlappingStats, unknownTime, regionTypes, taskTypes, regionDuration, timeHistogram, latency, histogramBucket, bucketMin,
  MutatorUtilization, MutatorUtilizations, MMUCurve, mmuPlot, mmuPlots, utilFlags, mmuFlagsKey, allMmuFlags, defaultMmuFlags,
  BlockingProfiles, blockingProfilesOf, profileRecordsOf, profileKinds, pprofBytes, pprofProto,
  type GoAnalyses, type GoAnalysesData, type GoAnalysesWithUtil, type GoAnalysesOptions, type GoroutineSummary, type RegionSummary, type TaskSummary,
  type ExecStats, type MmuFlags, type MmuPoint, type MmuPlot, type UtilSeries, type UtilWindow, type ProfileKind, type ProfileRecord,
  type GoroutineGroup, type GoroutineRow, type RegionType, type TaskType, type TimeHistogram, type Latency, type Summary as GoSummary,
  type GoViewSummary, type SummarizerOptions, type RegionSink, type LatencyType, type LatencyStats, type Histogram, type Instance,
} from './go/index.ts';
export { transferables, type ToWorker, type FromWorker } from './worker-protocol.ts';

// Public API of the Go execution trace reader. Everything outside src/trace imports from here.
//
// Reading:
//   Reader(bytes)                 synchronous whole-buffer reader: next(): Event | null, iterable
//   StreamReader                  push(chunk) / end() / next(): Event | null | NeedMoreData
//   readEvents(bytes)             generator of Events
//   readEventsAsync(source)       async iterator over a ReadableStream or AsyncIterable of chunks
//   readEventBatchesAsync(source) the same, yielding arrays of events (full speed)
//   dumpTrace(bytes), dumpTo()    Go 1.23.5's Event.String() per event, then EOF / ERROR: ...
//   TraceError                    the only error the reader throws (message = Go's text)
//   reader.version, .writtenBy    the format version (11, 19, 21 old; 22, 23, 25, 26) and the Go
//                                 releases that write it ("Go 1.21", "Go 1.11–1.18"); writtenBy(v)
// Events:
//   Event: kind() time() timeBigInt() goroutine() proc() thread() stack() metric() label()
//          range() rangeAttributes() task() region() log() stateTransition() sync()
//          experimental() toString()
//   EventKind, GoState, ProcState, ResourceKind, ValueKind (const objects), Stack/NoStack,
//   StackFrame, StateTransition, ResourceID, Value, NoGoroutine/NoProc/NoThread/NoTask
// Format data (for tools, the text format, tests):
//   Version, readHeader, headerBytes, isOldFormat, writtenBy; Ev, allSpecs, specsFor, eventString, eventNames,
//   EventSpec, GoStatus, ProcStatus (wire enums), MaxBatchSize, MaxFramesPerStack, MaxStringSize
//   goQuote (Go's %q), goTextBytes (the bytes Go prints for text made of trace strings)
// Cutting:
//   generationBoundaries(read, size), nearestGenerationStart, generationStarts(bytes)  where a
//                                 trace can be cut into pieces readable on their own (split.ts)

export { TraceError } from './errors.ts';
export { Reader, StreamReader, readEvents, readEventsAsync, readEventBatchesAsync, NeedMoreData, type ByteSource } from './reader.ts';
export { dumpTrace, dumpTo } from './dump.ts';
export {
  Event, EventKind, eventKindString, Stack, NoStack, NoTask, BackgroundTask, evSync,
  type StackFrame, type Metric, type Label, type Range, type RangeAttribute, type Task, type Region,
  type Log, type Sync, type ClockSnapshot, type ExperimentalEvent,
} from './event.ts';
export type { ExperimentalBatch } from './generation.ts';
export {
  GoState, ProcState, ResourceKind, ResourceID, StateTransition, NoGoroutine, NoProc, NoThread,
  goStateString, procStateString, resourceKindString, goStateExecuting, procStateExecuting,
} from './resources.ts';
export { Value, ValueKind } from './value.ts';
export { Version, CurrentVersion, readHeader, headerBytes, isOldFormat, writtenBy, type Header } from './version.ts';
export {
  Ev, allSpecs, specsFor, eventString, eventNames, GoStatus, ProcStatus, goStatusString, procStatusString,
  MaxBatchSize, MaxFramesPerStack, MaxStringSize, NoExperiment, AllocFree, SpecTableLength,
  type EventSpec, type EventType, type Experiment,
} from './spec.ts';
export { goQuote, goTextBytes } from './format.ts';
export { generationBoundaries, nearestGenerationStart, generationStarts, type GenerationStart, type ReadAt } from './split.ts';

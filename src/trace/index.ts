// Public API of the Go execution trace reader. Everything outside src/trace imports from here.
//
// Reading (Go 1.27.3's reader by default; { readAs: 'go1.23' } reads as Go 1.23.5's):
//   Reader(bytes, opts?)          synchronous whole-buffer reader: next(): Event | null, iterable
//   StreamReader(opts?)           push(chunk) / end() / next(): Event | null | NeedMoreData
//   readEvents(bytes, opts?)      generator of Events
//   readEventsAsync(source, opts?)           async iterator over a ReadableStream or AsyncIterable of chunks
//   readEventBatchesAsync(source, max, opts?) the same, yielding arrays of events (full speed)
//   dumpTrace(bytes, opts?), dumpTo()        Event.String() per event, then EOF / ERROR: ...
//   ReaderOptions, ReadAs          { readAs: 'go1.27' | 'go1.23' }
//   TraceError                    the only error the reader throws (message = Go's text)
//   reader.version, .writtenBy    the format version (11, 19, 21 old; 22, 23, 25, 26) and the Go
//                                 releases that write it ("Go 1.21", "Go 1.26–1.27"); writtenBy(v)
// Events:
//   Event: kind() time() timeBigInt() goroutine() proc() thread() stack() metric() label()
//          range() rangeAttributes() task() region() log() stateTransition() sync()
//          experimental() toString()
//   Sync {n, clockSnapshot, experimentalBatches}, ClockSnapshot {trace, wall, mono, ...},
//   ExperimentalEvent {name, experiment, args, argValue(i)}, StateTransition (its stack is the
//   goroutine's for status events too), Stack (frames(), toString()), Value (uint64(),
//   toString(); uint64Value, stringValue), EventKind, GoState, ProcState, ResourceKind,
//   ValueKind (const objects), ResourceID, NoStack, NoGoroutine/NoProc/NoThread/NoTask
//   makeEvent(config), makeStack(frames), makeGoStateTransition, makeProcStateTransition
//                                 events made by hand, as Go 1.27's MakeEvent makes them
// Format data (for tools, the text format, tests):
//   Version, readHeader, headerBytes, isOldFormat, writtenBy; Ev, allSpecs, specsFor, readerSpecs,
//   eventString, versionEventName, eventNames, EventSpec, GoStatus, ProcStatus (wire enums),
//   MaxBatchSize, MaxFramesPerStack, MaxStringSize
//   goQuote (Go's %q), goTextBytes (the bytes Go prints for text made of trace strings)
// Cutting:
//   generationBoundaries(read, size), nearestGenerationStart, generationStarts(bytes)  where a
//                                 trace can be cut into pieces readable on their own (split.ts)

export { TraceError } from './errors.ts';
export { Reader, StreamReader, readEvents, readEventsAsync, readEventBatchesAsync, NeedMoreData, type ByteSource } from './reader.ts';
export { dumpTrace, dumpTo } from './dump.ts';
export {
  Event, EventKind, eventKindString, Stack, NoStack, NoTask, BackgroundTask, evSync, experimentName,
  makeEvent, makeStack, makeGoStateTransition, makeProcStateTransition, type EventConfig, type StackSample,
  type StackFrame, type Metric, type Label, type Range, type RangeAttribute, type Task, type Region,
  type Log, type Sync, type ClockSnapshot, type ExperimentalEvent,
} from './event.ts';
export type { ExperimentalBatch } from './generation.ts';
export {
  GoState, ProcState, ResourceKind, ResourceID, StateTransition, NoGoroutine, NoProc, NoThread,
  goStateString, procStateString, resourceKindString, goStateExecuting, procStateExecuting,
} from './resources.ts';
export { Value, ValueKind, uint64Value, stringValue } from './value.ts';
export { Version, CurrentVersion, readHeader, headerBytes, isOldFormat, writtenBy, type Header, type ReadAs, type ReaderOptions } from './version.ts';
export {
  Ev, allSpecs, specsFor, readerSpecs, eventString, versionEventName, eventNames, GoStatus, ProcStatus, goStatusString, procStatusString,
  MaxBatchSize, MaxFramesPerStack, MaxStringSize, NoExperiment, AllocFree, SpecTableLength,
  type EventSpec, type EventType, type Experiment,
} from './spec.ts';
export { goQuote, goTextBytes } from './format.ts';
export { generationBoundaries, nearestGenerationStart, generationStarts, type GenerationStart, type ReadAt } from './split.ts';

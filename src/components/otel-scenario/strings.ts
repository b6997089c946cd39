/**
 * The UI strings the OpenTelemetry scenario box uses, by key: the Go scenario box's shared ones
 * (`scenario.*` in content/i18n) and its own (`otel.*`). The waterfall's are `spans.*`
 * (WATERFALL_KEYS), the viewer's `viewer.*`.
 */
export const SCENARIO_KEYS = ['run', 'cancel', 'variant', 'loading', 'running', 'done', 'failed', 'output', 'download', 'exitCode', 'noOutput'] as const;

export const OTEL_KEYS = [
  'note', 'simulatedTitle', 'simulated', 'collector.tls', 'traceNote',
  'spansTitle', 'traceTitle', 'sink', 'sink.memory', 'sink.collector', 'spans', 'downloadSpans',
  'onTrace', 'onTraceHint', 'goroutine', 'goroutineBegan', 'goroutineEnded', 'waited', 'waitedNone', 'state.waiting', 'state.runnable', 'state.syscall',
  'noTask', 'noTrace', 'traceReading', 'traceFailed', 'taskByName',
] as const;

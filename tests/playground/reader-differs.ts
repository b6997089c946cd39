/**
 * Where src/trace does not read like Go 1.27's reader yet, recording by recording: the error it
 * throws instead. (It follows Go 1.23.5; following Go 1.27 is the reader's own work.) The tests
 * check each as it is, so they fail the day the reader agrees with Go: then remove the entry.
 *
 * - A Go 1.26-format trace whose last generation is only the runtime's clock batch (a program that
 *   exits before trace.Stop, or panics on another goroutine, leaves the next generation's first
 *   batch: Sync, Frequency, ClockSnapshot): Go 1.26 and 1.27 count only event batches when they
 *   reach the end of the file (internal/trace/generation.go, readGeneration:
 *   `if len(g.batches) != 0`), so the trace reads cleanly; src/trace (generation.ts, read: `g.gen`
 *   is set by the clock batch) throws.
 * - A batch header byte that is not a batch: Go 1.26+ names the byte ("got event 103", 'g' of a
 *   gctrace line), Go 1.23 an event name (empty for an unknown byte).
 */
export const READER_DIFFERS: Record<string, string> = {
  'exit-without-stop-broken.go1.27.trace': 'incomplete generation found; trace likely truncated',
  'exit-without-stop-broken-logfatal.go1.27.trace': 'incomplete generation found; trace likely truncated',
  'exit-without-stop-broken-long.go1.27.trace': 'incomplete generation found; trace likely truncated',
  'exit-without-stop-panic-worker.go1.27.trace': 'incomplete generation found; trace likely truncated',
  'corrupted-output-broken.go1.27.trace': 'expected batch event, got ',
  'corrupted-output-broken.go1.23.trace': 'expected batch event, got ',
};

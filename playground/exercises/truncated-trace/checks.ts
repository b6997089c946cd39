import { defineChecks, expectEqual } from '../../../src/playground/checks.ts';

interface Exports {
  traceEnding(bytes: Uint8Array): string;
}

// Expected: playground/traces/manifest.json (sizeBytes, error) and the trace doctor's truncatedCause.
// The os.Exit stubs are Go 1.23's recordings: Go 1.27 leaves the header and a clock batch (67 bytes),
// which Go reads as a trace without events and src/trace does not read yet
// (tests/playground/reader-differs.ts); the header-only case and its hint describe Go 1.23.
export default defineChecks<Exports>({
  exports: ['traceEnding'],
  checks: [
    {
      id: 'header-only',
      label: { en: 'os.Exit before trace.Stop: a 16-byte file', 'zh-CN': '在 trace.Stop 之前 os.Exit：只有 16 字节的文件' },
      trace: 'exit-without-stop-broken.go1.23.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'header-only'),
    },
    {
      id: 'generation-boundary',
      label: { en: 'os.Exit after a second of work: cut at a generation boundary', 'zh-CN': '工作一秒后 os.Exit：在代（generation）边界被截断' },
      trace: 'exit-without-stop-broken-long.go1.23.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'generation-boundary'),
    },
    {
      id: 'complete',
      label: { en: 'Stopped with trace.Stop: complete', 'zh-CN': '用 trace.Stop 停止：完整' },
      trace: 'exit-without-stop-fixed.go1.27.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'complete'),
    },
    {
      id: 'broken',
      label: { en: 'A trace written to stderr, mixed with log lines: broken', 'zh-CN': '写到 stderr、混入日志行的跟踪：已损坏' },
      trace: 'corrupted-output-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'broken'),
    },
    {
      id: 'ended-early',
      label: { en: 'The same complete trace cut after its first 1000 bytes', 'zh-CN': '同一个完整跟踪只保留前 1000 字节' },
      trace: 'exit-without-stop-fixed.go1.27.trace',
      run: (x, t) => {
        const ending = x.traceEnding(t!.bytes.slice(0, 1000));
        return ending === 'ended-early' || ending === 'broken'
          ? { pass: true, actual: ending }
          : { pass: false, expected: "'ended-early' or 'broken'", actual: ending };
      },
    },
  ],
});

import { defineChecks, expectEqual } from '../../../src/exercise-grader/checks.ts';

interface Exports {
  traceEnding(bytes: Uint8Array): string;
}

// Expected: playground/traces/manifest.json (sizeBytes, error, truncated) and the trace doctor's
// truncatedCause. One Go 1.23 recording stays, for the one ending Go 1.26+ traces no longer have.
export default defineChecks<Exports>({
  exports: ['traceEnding'],
  checks: [
    {
      id: 'header-only',
      label: { en: 'os.Exit before trace.Stop: the header and a clock batch, no events (67 bytes)', 'zh-CN': '在 trace.Stop 之前 os.Exit：文件头加一个时钟批次，没有事件（67 字节）' },
      trace: 'exit-without-stop-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'header-only'),
    },
    {
      id: 'header-only-go123',
      label: { en: 'The same exit with Go 1.22-1.25: only the 16-byte header', 'zh-CN': 'Go 1.22–1.25 下同样的退出：只有 16 字节的文件头' },
      run: (x) => expectEqual(x.traceEnding(new Uint8Array([...new TextEncoder().encode('go 1.23 trace'), 0, 0, 0])), 'header-only'),
    },
    {
      id: 'ended-early-exit',
      label: { en: 'os.Exit after a second of work: the last generation never ended', 'zh-CN': '工作一秒后 os.Exit：最后一代没有结束' },
      trace: 'exit-without-stop-broken-long.go1.27.trace',
      run: (x, t) => expectEqual(x.traceEnding(t!.bytes), 'ended-early'),
    },
    {
      id: 'generation-boundary',
      label: { en: 'The same run recorded with Go 1.23: no end marker, cut at a generation boundary', 'zh-CN': '用 Go 1.23 录制的同一次运行：没有结束标记，在代（generation）边界被截断' },
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

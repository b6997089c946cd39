import type { TraceModel } from '../../../src/analysis/index.ts';
import { defineChecks, expectEqual } from '../../../src/exercise-grader/checks.ts';

interface Exports {
  blockedAtEnd(model: TraceModel): { id: number; reason: string }[];
}

type Row = { id: number; reason: string };
const summary = (rows: Row[]) => ({
  count: rows.length,
  reasons: [...new Set(rows.map((r) => r.reason))].sort(),
  sorted: rows.every((r, i) => i === 0 || rows[i - 1].id < r.id),
});

// Expected: playground/traces/manifest.json (facts.goroutinesBlockedAtEnd, blockedAtEndReasons).
export default defineChecks<Exports>({
  exports: ['blockedAtEnd'],
  checks: [
    {
      id: 'broken',
      label: { en: 'Hedged requests (broken): 16 losers blocked on "chan send"', 'zh-CN': '对冲请求（有问题版本）：16 个落选者阻塞在 "chan send"' },
      trace: 'blocking-and-leaks-broken.go1.27.trace',
      run: (x, t) => expectEqual(summary(x.blockedAtEnd(t!.model())), { count: 16, reasons: ['chan send'], sorted: true }),
    },
    {
      id: 'fixed',
      label: { en: 'Hedged requests (fixed): nothing left blocked', 'zh-CN': '对冲请求（修复版本）：没有残留的阻塞' },
      trace: 'blocking-and-leaks-fixed.go1.27.trace',
      run: (x, t) => expectEqual(x.blockedAtEnd(t!.model()), []),
    },
    {
      id: 'not-runtime',
      label: { en: "The runtime's own parked goroutines are not counted", 'zh-CN': '运行时自己停放的 goroutine 不计入' },
      trace: 'late-start-fixed.go1.27.trace',
      run: (x, t) => expectEqual(x.blockedAtEnd(t!.model()), []),
    },
    {
      id: 'exit-long',
      label: { en: 'A trace cut before trace.Stop: 2 goroutines waiting on "chan receive"', 'zh-CN': '在 trace.Stop 之前被截断的跟踪：2 个 goroutine 等待 "chan receive"' },
      trace: 'exit-without-stop-broken-long.go1.27.trace',
      run: (x, t) => expectEqual(summary(x.blockedAtEnd(t!.model())), { count: 2, reasons: ['chan receive'], sorted: true }),
    },
  ],
});

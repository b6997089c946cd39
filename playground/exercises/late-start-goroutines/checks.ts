import { defineChecks, expectEqual } from '../../../src/exercise-grader/checks.ts';
import type { Event } from '../../../src/trace/index.ts';

interface Exports {
  goroutinesAroundStart(events: Event[]): { before: number; after: number };
}

// Expected counts: playground/traces/manifest.json (facts.preexistingGoroutines and goroutines).
export default defineChecks<Exports>({
  exports: ['goroutinesAroundStart'],
  checks: [
    {
      id: 'broken',
      label: { en: 'Late start (Go 1.27): the workers already existed', 'zh-CN': '启动过晚（Go 1.27）：工作 goroutine 早已存在' },
      trace: 'late-start-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.goroutinesAroundStart(t!.events()), { before: 19, after: 3 }),
    },
    {
      id: 'fixed',
      label: { en: 'Early start (Go 1.27): the workers are created in the trace', 'zh-CN': '尽早启动（Go 1.27）：工作 goroutine 在跟踪中创建' },
      trace: 'late-start-fixed.go1.27.trace',
      run: (x, t) => expectEqual(x.goroutinesAroundStart(t!.events()), { before: 7, after: 15 }),
    },
    {
      id: 'go122',
      label: { en: 'The same late start in a Go 1.22 trace', 'zh-CN': '同样的过晚启动，Go 1.22 跟踪' },
      trace: 'late-start-broken.go1.22.trace',
      run: (x, t) => expectEqual(x.goroutinesAroundStart(t!.events()), { before: 17, after: 3 }),
    },
  ],
});

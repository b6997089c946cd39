import { blockRateByWindow, type TraceModel } from '../../../src/analysis/index.ts';
import { defineChecks, expectClose, expectEqual } from '../../../src/exercise-grader/checks.ts';

interface Exports {
  blockShares(model: TraceModel, windowNs: number): number[];
  firstJump(shares: number[], factor: number): number;
}

const MS = 1e6;

/** The expected shares: blockRateByWindow's, full windows only. */
function fullWindows(model: TraceModel, windowNs: number): number[] {
  return Array.from(blockRateByWindow(model, windowNs).blockedShare).slice(0, Math.floor(model.duration / windowNs));
}

export default defineChecks<Exports>({
  exports: ['blockShares', 'firstJump'],
  checks: [
    {
      id: 'shares-60ms',
      label: { en: 'Shares per 60 ms window, full windows only (blocking-and-leaks, broken)', 'zh-CN': '每 60 ms 窗口的阻塞占比，只算完整窗口（blocking-and-leaks，有问题版本）' },
      trace: 'blocking-and-leaks-broken.go1.27.trace',
      run: (x, t) => expectClose(x.blockShares(t!.model(), 60 * MS), fullWindows(t!.model(), 60 * MS)),
    },
    {
      id: 'shares-fixed',
      label: { en: 'Shares per 50 ms window (blocking-and-leaks, fixed)', 'zh-CN': '每 50 ms 窗口的阻塞占比（blocking-and-leaks，修复版本）' },
      trace: 'blocking-and-leaks-fixed.go1.27.trace',
      run: (x, t) => expectClose(x.blockShares(t!.model(), 50 * MS), fullWindows(t!.model(), 50 * MS)),
    },
    {
      id: 'jump-simple',
      label: { en: 'firstJump([0.1, 0.1, 0.3, 0.3], 2) is 2', 'zh-CN': 'firstJump([0.1, 0.1, 0.3, 0.3], 2) 等于 2' },
      run: (x) => expectEqual(x.firstJump([0.1, 0.1, 0.3, 0.3], 2), 2),
    },
    {
      id: 'jump-none',
      label: { en: 'A steady rise is no jump; neither is an empty list', 'zh-CN': '平稳上升不算跃升；空列表也不算' },
      run: (x) => expectEqual([x.firstJump([0.2, 0.3, 0.4], 2), x.firstJump([], 2), x.firstJump([0.9], 2)], [-1, -1, -1]),
    },
    {
      id: 'jump-after-zero',
      label: { en: 'A window after a share of 0 cannot jump', 'zh-CN': '占比为 0 之后的窗口不算跃升' },
      run: (x) => expectEqual(x.firstJump([0, 0.5, 1], 2), 2),
    },
    {
      id: 'jump-broken',
      label: { en: 'The broken service jumps in its second 30 ms window', 'zh-CN': '有问题的服务在第二个 30 ms 窗口跃升' },
      trace: 'blocking-and-leaks-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.firstJump(x.blockShares(t!.model(), 30 * MS), 2), 1),
    },
  ],
});

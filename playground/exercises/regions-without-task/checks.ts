import { defineChecks, expectEqual } from '../../../src/exercise-grader/checks.ts';
import type { Event } from '../../../src/trace/index.ts';

interface Exports {
  regionsWithoutTask(events: Event[]): string[];
  everyRegionInATask(events: Event[]): boolean;
}

const summary = (names: string[]) => ({ count: names.length, names: [...new Set(names)].sort() });

// Expected: playground/traces/manifest.json (facts.regions, facts.regionsWithoutTask).
export default defineChecks<Exports>({
  exports: ['regionsWithoutTask', 'everyRegionInATask'],
  checks: [
    {
      id: 'broken',
      label: { en: 'Lost context (broken): all 16 checkout regions are outside a task', 'zh-CN': '上下文丢失（有问题版本）：16 个结账 region 全都不在任务里' },
      trace: 'lost-context-broken.go1.27.trace',
      run: (x, t) =>
        expectEqual(summary(x.regionsWithoutTask(t!.events())), {
          count: 16,
          names: ['chargeCard', 'reserveStock', 'sendEmail', 'validate'],
        }),
    },
    {
      id: 'broken-order',
      label: { en: 'In the order they begin', 'zh-CN': '按开始的先后顺序' },
      trace: 'lost-context-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.regionsWithoutTask(t!.events()).slice(0, 3), ['validate', 'reserveStock', 'chargeCard']),
    },
    {
      id: 'broken-flag',
      label: { en: 'everyRegionInATask says no for the broken trace', 'zh-CN': 'everyRegionInATask 对有问题的跟踪返回 false' },
      trace: 'lost-context-broken.go1.27.trace',
      run: (x, t) => expectEqual(x.everyRegionInATask(t!.events()), false),
    },
    {
      id: 'fixed',
      label: { en: 'Lost context (fixed): every region is in its checkout task', 'zh-CN': '上下文丢失（修复版本）：每个 region 都在它的结账任务里' },
      trace: 'lost-context-fixed.go1.27.trace',
      run: (x, t) => expectEqual([x.regionsWithoutTask(t!.events()), x.everyRegionInATask(t!.events())], [[], true]),
    },
    {
      id: 'anatomy',
      label: { en: '144 regions, all in the processOrders task', 'zh-CN': '144 个 region，全部在 processOrders 任务里' },
      trace: 'anatomy-default.go1.27.trace',
      run: (x, t) => expectEqual(x.everyRegionInATask(t!.events()), true),
    },
  ],
});

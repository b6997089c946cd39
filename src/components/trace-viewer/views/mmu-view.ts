/**
 * The mmu view: cmd/trace's minimum mutator utilization page. The curve against window size, what
 * counts against the program (stop-the-world, background mark workers, mark assists: all on, as
 * cmd/trace's default), and the worst windows of a chosen size, each opening the timeline there.
 */
import type { MmuFlags } from '../../../analysis/go/types.ts';
import { button, el } from '../dom.ts';
import { formatNs } from '../scale.ts';
import type { ViewContext, ViewHandle } from './context.ts';
import { mmuChart } from './mmu-chart.ts';
import { awaitData } from './status.ts';

const WINDOWS = [1e5, 1e6, 1e7, 1e8, 1e9];
const WORST = 5;

export const percent = (u: number) => `${Math.round(u * 1000) / 10} %`;

export function mount(panel: HTMLElement, ctx: ViewContext): ViewHandle {
  const { S } = ctx;
  const body = el('div', 'tv-view tv-mmu');
  panel.replaceChildren(body);
  awaitData(body, ctx, (data) => {
    const flags: MmuFlags = { stw: true, background: true, assist: true, perProc: false };
    const boxes = el('fieldset', 'tv-mmu-flags');
    boxes.append(el('legend', undefined, S('mmu.flags')));
    for (const k of ['stw', 'background', 'assist'] as const) {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.flag = k;
      box.addEventListener('change', () => {
        flags[k] = box.checked;
        render();
      });
      label.append(box, ' ', S(`mmu.${k}`));
      boxes.append(label);
    }
    const windowLabel = el('label', 'tv-field');
    windowLabel.append(S('mmu.window') + ' ');
    const windowSelect = el('select');
    windowSelect.dataset.role = 'window';
    for (const w of WINDOWS.filter((w) => w <= ctx.time.duration)) {
      const o = el('option', undefined, formatNs(w));
      o.value = String(w);
      windowSelect.append(o);
    }
    windowSelect.value = String(WINDOWS.includes(1e7) && 1e7 <= ctx.time.duration ? 1e7 : (windowSelect.options[0]?.value ?? 1e6));
    windowSelect.addEventListener('change', () => render());
    windowLabel.append(windowSelect);
    const chartBox = el('div', 'tv-mmu-chart-box');
    const worstBox = el('div', 'tv-mmu-worst');
    body.append(boxes, chartBox, windowLabel, worstBox);

    function render() {
      const curve = data.mmu({ ...flags });
      const w = Number(windowSelect.value);
      chartBox.replaceChildren(mmuChart(curve.points, { x: S('mmu.x'), y: S('mmu.y'), title: S('mmu.title') }, w));
      const worst = curve.worst(w, WORST);
      const list = el('ol');
      for (const win of worst) {
        const li = el('li');
        const start = win.start - data.origin;
        const b = button('tv-link', S('mmu.at', { time: formatNs(start), util: percent(win.util) }), () =>
          ctx.time.focus({ kind: 'window', start, end: start + w }),
        );
        b.dataset.start = String(start);
        b.dataset.util = String(win.util);
        li.append(b);
        list.append(li);
      }
      const mmu = worst[0]?.util ?? 1;
      worstBox.replaceChildren(el('h4', undefined, S('mmu.worst', { window: formatNs(w), mmu: percent(mmu) })), list);
      worstBox.dataset.window = String(w);
      worstBox.dataset.mmu = String(mmu);
    }
    render();
  });
  return { destroy() {} };
}

/**
 * The MMU chart: minimum mutator utilization (0..1) against window size, on a log x axis with a tick
 * at every power of ten, labelled in the viewer's units. SVG, so it scales to any width.
 */
import type { MmuPoint } from '../../../analysis/go/types.ts';
import { formatNs } from '../scale.ts';

const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 240;
const PAD = { left: 44, right: 12, top: 10, bottom: 34 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** x of a window size on the log axis, for windows lo..hi. */
export function logX(w: number, lo: number, hi: number): number {
  const span = Math.log10(hi) - Math.log10(lo) || 1;
  return PAD.left + ((Math.log10(w) - Math.log10(lo)) / span) * (W - PAD.left - PAD.right);
}

export function mmuChart(points: MmuPoint[], labels: { x: string; y: string; title: string }, marked?: number): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'tv-mmu-chart', role: 'img' });
  root.append(svg('title', {}));
  root.firstChild!.textContent = labels.title;
  const pts = points.filter((p) => p.window > 0);
  if (pts.length === 0) return root;
  const lo = pts[0].window;
  const hi = pts[pts.length - 1].window;
  const y = (u: number) => PAD.top + (1 - u) * (H - PAD.top - PAD.bottom);
  const axis = svg('g', { class: 'tv-mmu-axis' });
  for (const u of [0, 0.25, 0.5, 0.75, 1]) {
    axis.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(u), y2: y(u), class: 'tv-mmu-grid' }));
    const t = svg('text', { x: PAD.left - 6, y: y(u) + 4, 'text-anchor': 'end' });
    t.textContent = `${Math.round(u * 100)} %`;
    axis.append(t);
  }
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) {
    const x = logX(10 ** e, lo, hi);
    axis.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: H - PAD.bottom, class: 'tv-mmu-grid' }));
    const t = svg('text', { x, y: H - PAD.bottom + 14, 'text-anchor': 'middle' });
    t.textContent = formatNs(10 ** e);
    axis.append(t);
  }
  const xl = svg('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'tv-mmu-label' });
  xl.textContent = labels.x;
  const yl = svg('text', { x: 10, y: PAD.top + (H - PAD.top - PAD.bottom) / 2, 'text-anchor': 'middle', class: 'tv-mmu-label', transform: `rotate(-90 10 ${PAD.top + (H - PAD.top - PAD.bottom) / 2})` });
  yl.textContent = labels.y;
  axis.append(xl, yl);
  root.append(axis);
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${logX(p.window, lo, hi).toFixed(1)},${y(p.mmu).toFixed(1)}`).join('');
  root.append(svg('path', { d, class: 'tv-mmu-line' }));
  if (marked !== undefined && marked >= lo && marked <= hi) {
    const x = logX(marked, lo, hi);
    root.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: H - PAD.bottom, class: 'tv-mmu-mark' }));
  }
  return root;
}

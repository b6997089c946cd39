/**
 * The self-assessment's charts, drawn as plain SVG (no charting library). Each returns an <svg> with
 * role="img" and a label; the same numbers are always in a table beside it, for screen readers.
 * Colours come from Starlight's CSS variables through classes (see SelfAssessment.astro).
 */
const NS = 'http://www.w3.org/2000/svg';

function svg(width: number, height: number, label: string): SVGSVGElement {
  const s = document.createElementNS(NS, 'svg');
  s.setAttribute('viewBox', `0 0 ${width} ${height}`);
  s.setAttribute('width', '100%');
  s.setAttribute('role', 'img');
  s.setAttribute('aria-label', label);
  s.style.maxWidth = `${width}px`;
  return s;
}

function node<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, attrs: Record<string, string | number>, text?: string) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
}

const LABEL_W = 230;
const ROW_H = 26;
const SCALE_W = 300;

function axis(root: SVGSVGElement, top: number, bottom: number) {
  for (let v = 0; v <= 10; v += 2) {
    const x = LABEL_W + (v / 10) * SCALE_W;
    node(root, 'line', { x1: x, x2: x, y1: top, y2: bottom, class: 'chart-grid' });
    node(root, 'text', { x, y: bottom + 14, 'text-anchor': 'middle', class: 'chart-tick' }, String(v));
  }
}

/** Horizontal bars: one per dimension, 0–10; a dimension without a score shows its `empty` text. */
export function barChart(rows: { label: string; value: number | null }[], label: string, empty: string): SVGSVGElement {
  const height = rows.length * ROW_H + 24;
  const root = svg(LABEL_W + SCALE_W + 50, height, label);
  axis(root, 0, rows.length * ROW_H);
  rows.forEach((r, i) => {
    const y = i * ROW_H;
    node(root, 'text', { x: LABEL_W - 8, y: y + ROW_H / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, r.label);
    if (r.value === null) {
      node(root, 'text', { x: LABEL_W + 4, y: y + ROW_H / 2 + 4, class: 'chart-tick' }, empty);
      return;
    }
    const w = Math.max(1, (r.value / 10) * SCALE_W);
    node(root, 'rect', { x: LABEL_W, y: y + 5, width: w, height: ROW_H - 10, rx: 3, class: 'chart-bar' });
    node(root, 'text', { x: LABEL_W + w + 6, y: y + ROW_H / 2 + 4, class: 'chart-value' }, r.value.toFixed(1));
  });
  return root;
}

/** Dot plot for the team: each member's score as a dot, the min–max range as a line, the median as a tick. */
export function dotPlot(
  rows: { label: string; scores: (number | null)[]; min: number | null; median: number | null; max: number | null; agree: boolean | null }[],
  label: string,
): SVGSVGElement {
  const height = rows.length * ROW_H + 24;
  const root = svg(LABEL_W + SCALE_W + 20, height, label);
  axis(root, 0, rows.length * ROW_H);
  const x = (v: number) => LABEL_W + (v / 10) * SCALE_W;
  rows.forEach((r, i) => {
    const cy = i * ROW_H + ROW_H / 2;
    node(root, 'text', { x: LABEL_W - 8, y: cy + 4, 'text-anchor': 'end', class: r.agree === false ? 'chart-label chart-label--split' : 'chart-label' }, r.label);
    if (r.min === null || r.max === null || r.median === null) return;
    node(root, 'line', { x1: x(r.min), x2: x(r.max), y1: cy, y2: cy, class: 'chart-range' });
    // Members with the same score are spread a little vertically so each dot stays visible.
    const seen = new Map<number, number>();
    for (const s of r.scores) {
      if (s === null) continue;
      const n = seen.get(s) ?? 0;
      seen.set(s, n + 1);
      node(root, 'circle', { cx: x(s), cy: cy + (n % 2 ? 1 : -1) * Math.min(8, Math.ceil(n / 2) * 4), r: 4, class: 'chart-dot' });
    }
    node(root, 'line', { x1: x(r.median), x2: x(r.median), y1: cy - 9, y2: cy + 9, class: 'chart-median' });
  });
  return root;
}

/** A small line of overall scores over time (oldest left). */
export function sparkline(values: (number | null)[], label: string): SVGSVGElement {
  const W = 240;
  const H = 48;
  const root = svg(W, H, label);
  const pts = values.map((v, i) => (v === null ? null : [values.length === 1 ? W / 2 : 6 + (i * (W - 12)) / (values.length - 1), H - 6 - (v / 10) * (H - 12)]));
  node(root, 'line', { x1: 0, x2: W, y1: H - 6, y2: H - 6, class: 'chart-grid' });
  const drawn = pts.filter((p): p is number[] => p !== null);
  if (drawn.length > 1) node(root, 'polyline', { points: drawn.map((p) => p.join(',')).join(' '), class: 'chart-line' });
  for (const p of drawn) node(root, 'circle', { cx: p[0], cy: p[1], r: 3, class: 'chart-dot' });
  return root;
}

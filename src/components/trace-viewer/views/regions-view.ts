/**
 * The regions view: cmd/trace's user-defined regions and tasks pages as one table per kind. Per
 * region type (its name) and task type: count, duration histogram (Go's buckets), p50, p90, p99,
 * slowest; a type opens its slowest instances, and an instance opens the timeline on it.
 * Only regions and tasks with both ends in the trace are measured, as Go's pages do.
 */
import { button, codeButton, el } from '../dom.ts';
import { formatNs } from '../scale.ts';
import type { ViewContext, ViewHandle } from './context.ts';
import { bucketMin, type Histogram, type LatencyType } from './latency.ts';
import { sortableTable } from './table.ts';
import { awaitData } from './status.ts';

/** A histogram as a row of bars (the counts are in each bar's label). */
function bars(h: Histogram, describe: (min: number, max: number, n: number) => string): HTMLElement {
  const box = el('span', 'tv-hist');
  const max = Math.max(1, ...h.buckets);
  h.buckets.forEach((n, i) => {
    const bar = el('span', 'tv-hist__bar');
    bar.style.height = `${Math.max(n > 0 ? 8 : 0, (100 * n) / max)}%`;
    bar.title = describe(bucketMin(h.minBucket + i), bucketMin(h.minBucket + i + 1), n);
    box.append(bar);
  });
  box.setAttribute('aria-label', h.buckets.map((n, i) => describe(bucketMin(h.minBucket + i), bucketMin(h.minBucket + i + 1), n)).filter((_, i) => h.buckets[i] > 0).join('; '));
  box.setAttribute('role', 'img');
  return box;
}

export function mount(panel: HTMLElement, ctx: ViewContext): ViewHandle {
  const { S } = ctx;
  const body = el('div', 'tv-view tv-regions');
  panel.replaceChildren(body);
  awaitData(body, ctx, (data) => {
    const detail = el('div', 'tv-region-detail');
    const describe = (a: number, b: number, n: number) => S('reg.bucket', { from: formatNs(a), to: formatNs(b), count: n });
    const table = (kind: 'region' | 'task', rows: LatencyType[]) =>
      sortableTable<LatencyType>({
        caption: S(kind === 'region' ? 'reg.regions' : 'reg.tasks'),
        columns: [
          { key: 'name', label: S(kind === 'region' ? 'reg.region' : 'reg.task'), cell: (r) => codeButton('tv-link', r.name, () => showSlowest(kind, r)) },
          { key: 'count', label: S('reg.count'), numeric: true, cell: (r) => r.stats.count.toLocaleString('en-US') },
          { key: 'hist', label: S('reg.histogram'), cell: (r) => bars(r.stats.histogram, describe) },
          { key: 'p50', label: 'p50', numeric: true, cell: (r) => formatNs(r.stats.p50) },
          { key: 'p90', label: 'p90', numeric: true, cell: (r) => formatNs(r.stats.p90) },
          { key: 'p99', label: 'p99', numeric: true, cell: (r) => formatNs(r.stats.p99) },
          { key: 'max', label: S('reg.max'), numeric: true, cell: (r) => formatNs(r.stats.max) },
        ],
        rows: () => rows,
        sort: { key: 'count', dir: 'descending' },
        sorted: (rs, s) => {
          const v = (r: LatencyType) => (s.key === 'count' || s.key === 'hist' ? r.stats.count : (r.stats[s.key as 'p50'] ?? 0));
          const sign = s.dir === 'ascending' ? 1 : -1;
          return [...rs].sort((a, b) => (s.key === 'name' ? a.name.localeCompare(b.name) : v(a) - v(b)) * sign || a.name.localeCompare(b.name));
        },
        rowKey: (r) => `${kind}:${r.name}`,
      });
    function showSlowest(kind: 'region' | 'task', row: LatencyType) {
      const list = el('ol', 'tv-slowest');
      for (const i of row.slowest) {
        const li = el('li');
        const start = i.start - data.origin;
        const end = i.end - data.origin;
        const b = button('tv-link', formatNs(i.end - i.start), () => ctx.time.focus({ kind: 'window', start, end, goroutine: i.goroutine >= 0 ? i.goroutine : undefined }));
        b.dataset.start = String(start);
        b.dataset.end = String(end);
        li.append(b, ' ', S('reg.at', { time: formatNs(start), goroutine: i.goroutine }));
        list.append(li);
      }
      detail.replaceChildren(el('h4', undefined, S('reg.slowest', { name: row.name })), list);
      detail.dataset.type = `${kind}:${row.name}`;
    }
    const rTypes = data.regionTypes;
    const tTypes = data.taskTypes;
    if (rTypes.length === 0 && tTypes.length === 0) body.append(el('p', undefined, S('reg.none')));
    if (rTypes.length > 0) body.append(table('region', rTypes));
    if (tTypes.length > 0) body.append(table('task', tTypes));
    body.append(detail);
  });
  return { destroy() {} };
}

/**
 * The goroutines view: cmd/trace's goroutine analysis. Groups by start function, each with its count
 * and its time by kind; a group opens its goroutines (the same columns); a goroutine opens the
 * timeline on its lifetime, its lane highlighted.
 */
import type { GoroutineSummary } from '../../../analysis/go/types.ts';
import { button, codeButton, el } from '../dom.ts';
import { formatNs } from '../scale.ts';
import type { ViewContext, ViewHandle } from './context.ts';
import { columnsFor, goroutineRows, groupRows, sortRows, type Column, type Row } from './goroutine-table.ts';
import { sortableTable, type TableColumn } from './table.ts';
import { awaitData } from './status.ts';

export function mount(panel: HTMLElement, ctx: ViewContext): ViewHandle {
  const { S } = ctx;
  const body = el('div', 'tv-view tv-goroutines');
  panel.replaceChildren(body);
  awaitData(body, ctx, (data) => {
    const all = data.analyses.goroutines;
    const timeOf = (t: number, fallback: number) => (t < 0 ? fallback : t - data.origin);
    const label = (c: Column) => (c.reason !== undefined ? S('col.block', { reason: c.reason || S('col.noReason') }) : S(`col.${c.key}`));
    const valueColumns = (gs: GoroutineSummary[]): TableColumn<Row>[] =>
      columnsFor(gs).map((c) => ({ key: c.key, label: label(c), numeric: true, cell: (r: Row) => formatNs(r.values[c.key] ?? 0) }));
    const sorted = (rows: Row[], s: { key: string; dir: 'ascending' | 'descending' }) => sortRows(rows, s.key, s.dir);

    function showGroups() {
      const rows = groupRows(all);
      body.replaceChildren(
        sortableTable<Row>({
          caption: S('gor.caption'),
          columns: [
            { key: 'name', label: S('gor.group'), cell: (r) => (r.name ? codeButton('tv-link', r.name, () => showGroup(r)) : button('tv-link', S('gor.unnamed'), () => showGroup(r))) },
            { key: 'count', label: S('gor.count'), numeric: true, cell: (r) => r.count.toLocaleString('en-US') },
            ...valueColumns(all),
          ],
          rows: () => rows,
          sort: { key: 'exec', dir: 'descending' },
          sorted,
          rowKey: (r) => r.name,
        }),
      );
    }

    function showGroup(group: Row) {
      const rows = goroutineRows(group.goroutines);
      const back = button('tv-link tv-back', S('gor.back'), showGroups);
      body.replaceChildren(
        back,
        sortableTable<Row>({
          caption: S('gor.groupCaption', { name: group.name || S('gor.unnamed'), count: group.count }),
          columns: [
            {
              key: 'name',
              label: S('gor.goroutine'),
              cell: (r) => {
                const g = r.goroutines[0];
                const b = button('tv-link', `G${g.id}`, () =>
                  ctx.time.focus({ kind: 'goroutine', id: g.id, start: timeOf(g.creationTime >= 0 ? g.creationTime : g.startTime, 0), end: timeOf(g.endTime, ctx.time.duration) }),
                );
                b.title = S('gor.show');
                b.dataset.goroutine = String(g.id);
                return b;
              },
            },
            { key: 'total', label: S('col.total'), numeric: true, cell: (r) => formatNs(r.values.total ?? 0) },
            ...valueColumns(group.goroutines),
          ],
          rows: () => rows,
          sort: { key: 'total', dir: 'descending' },
          sorted,
          rowKey: (r) => r.key,
          limit: 1000,
          limitNote: (shown, count) => S('tableLimit', { shown, count }),
        }),
      );
      back.focus();
    }
    showGroups();
  });
  return { destroy() {} };
}

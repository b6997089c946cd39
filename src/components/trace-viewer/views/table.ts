/**
 * A sortable table: a button in every column header, aria-sort on the sorted one. Shared by the
 * goroutines and regions views.
 */
import { el } from '../dom.ts';

export interface TableColumn<R> {
  key: string;
  label: string;
  /** Cell content: text (trace text stays text) or an element (a link button). */
  cell: (row: R) => string | HTMLElement;
  numeric?: boolean;
}

export interface SortState { key: string; dir: 'ascending' | 'descending' }

export function sortableTable<R>(opts: {
  caption: string;
  columns: TableColumn<R>[];
  rows: () => R[];
  sort: SortState;
  sorted: (rows: R[], s: SortState) => R[];
  rowKey?: (row: R) => string;
  /** At most this many rows are put on the page (a trace can have 100 000 goroutines in a group); the note says how many. */
  limit?: number;
  limitNote?: (shown: number, count: number) => string;
}): HTMLElement {
  const wrap = el('div', 'tv-table-wrap');
  const table = el('table', 'tv-table');
  table.append(el('caption', undefined, opts.caption));
  const thead = el('thead');
  const tbody = el('tbody');
  const headRow = el('tr');
  let sort = opts.sort;
  const headers = opts.columns.map((c) => {
    const th = el('th');
    th.scope = 'col';
    th.dataset.col = c.key;
    if (c.numeric) th.classList.add('tv-num');
    const b = el('button', 'tv-sort', c.label);
    b.type = 'button';
    b.addEventListener('click', () => {
      // A new column sorts as its kind suggests (numbers largest first); the same column flips.
      sort = sort.key === c.key ? { key: c.key, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' } : { key: c.key, dir: c.numeric ? 'descending' : 'ascending' };
      fill();
    });
    th.append(b);
    headRow.append(th);
    return th;
  });
  thead.append(headRow);
  table.append(thead, tbody);
  const note = el('p', 'tv-table-note');
  note.hidden = true;
  wrap.append(table, note);
  function fill() {
    headers.forEach((th, i) => {
      if (opts.columns[i].key === sort.key) th.setAttribute('aria-sort', sort.dir);
      else th.removeAttribute('aria-sort');
    });
    const all = opts.sorted(opts.rows(), sort);
    const rows = opts.limit !== undefined && all.length > opts.limit ? all.slice(0, opts.limit) : all;
    note.hidden = rows.length === all.length;
    note.textContent = rows.length === all.length ? '' : (opts.limitNote?.(rows.length, all.length) ?? '');
    tbody.replaceChildren(
      ...rows.map((r) => {
        const tr = el('tr');
        if (opts.rowKey) tr.dataset.key = opts.rowKey(r);
        for (const c of opts.columns) {
          const td = el('td');
          if (c.numeric) td.classList.add('tv-num');
          td.dataset.col = c.key;
          td.append(c.cell(r));
          tr.append(td);
        }
        return tr;
      }),
    );
  }
  fill();
  return wrap;
}

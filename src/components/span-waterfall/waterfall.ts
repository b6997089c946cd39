/**
 * The span waterfall: the spans of one run as rows under their parents, each with a bar on the run's
 * time axis, and the details of the selected span (IDs, parent, status, attributes, events, links).
 * A broken parent link is shown on its row and in its details; a span received twice is shown twice.
 *
 * Rendering only: the rows come from layout.ts, the words from the page's UI strings (keys without
 * their `spans.` prefix). Everything that comes from the program (names, attributes, messages) is
 * put on the page as text. The rows are an ARIA tree with one tab stop: arrow keys move (left to the
 * parent, right to the first child), Enter or Space selects. The list scrolls inside its own box, so
 * a phone-wide page never widens.
 */
import type { SpanRecord } from '../../go-wasm/spans.ts';
import { formatMessage, pageLang } from '../../site/message.ts';
import { formatNs } from '../trace-viewer/scale.ts';
import { layoutSpans, type WaterfallLayout, type WaterfallRow } from './layout.ts';

export const WATERFALL_KEYS = [
  'label', 'summary', 'broken', 'limited', 'none', 'trace', 'brokenBadge', 'repeat', 'help', 'selectHint',
  'kind.0', 'kind.1', 'kind.2', 'kind.3', 'kind.4', 'kind.5', 'status.0', 'status.1', 'status.2',
  'field.kind', 'field.status', 'field.traceId', 'field.spanId', 'field.parent', 'field.start', 'field.duration',
  'field.attributes', 'field.events', 'field.links', 'field.resource', 'field.scope',
  'parentRoot', 'parentMissing', 'parentLink', 'linkMissing', 'noAttributes', 'eventAt',
] as const;

export interface WaterfallOptions {
  /** UI strings by key (WATERFALL_KEYS). */
  strings: Record<string, string>;
  /** Rows rendered at most (every span is still counted). */
  limit?: number;
  /** Called when the reader selects a span (null: the selection was cleared). */
  onSelect?: (index: number | null, span: SpanRecord | null) => void;
}

export interface WaterfallHandle {
  readonly root: HTMLElement;
  readonly layout: WaterfallLayout;
  /** Selects the span at this index of the input (if it has a row) as the reader would, without moving focus. */
  select(index: number | null): void;
  /** A short mark after a row's name (e.g. that the span is on the timeline), or none. */
  mark(index: number, text: string | null): void;
  destroy(): void;
}

const DEFAULT_LIMIT = 400;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function mountWaterfall(host: HTMLElement, spans: readonly SpanRecord[], opts: WaterfallOptions): WaterfallHandle {
  const lang = pageLang();
  const S = (key: string, values: Record<string, string | number> = {}) => formatMessage(opts.strings[key] ?? key, values, lang);
  const layout = layoutSpans(spans, opts.limit ?? DEFAULT_LIMIT);
  const rowOf = new Map<number, { row: WaterfallRow; li: HTMLLIElement; at: number }>();

  const root = el('div', 'sw');
  const summary = el('p', 'sw-summary');
  summary.append(S('summary', { spans: layout.total, traces: layout.traces }));
  if (layout.broken > 0) summary.append(' · ', el('strong', 'sw-summary__broken', S('broken', { n: layout.broken })));
  if (layout.rows.length < layout.total) summary.append(' · ', S('limited', { shown: layout.rows.length, total: layout.total }));
  root.append(summary);
  if (layout.total === 0) {
    root.append(el('p', 'sw-none', S('none')));
    host.replaceChildren(root);
    return { root, layout, select() {}, mark() {}, destroy() {} };
  }

  const scroll = el('div', 'sw-scroll');
  const axis = el('div', 'sw-axis');
  axis.setAttribute('aria-hidden', 'true');
  const ticks = el('span', 'sw-axis__ticks');
  ticks.append(el('span', undefined, '0'), el('span', undefined, formatNs(layout.span / 2)), el('span', undefined, formatNs(layout.span)));
  axis.append(el('span'), ticks, el('span'));
  const tree = el('ol', 'sw-rows');
  tree.setAttribute('role', 'tree');
  tree.setAttribute('aria-label', S('label'));
  layout.rows.forEach((row, at) => {
    const s = row.span;
    const li = el('li', 'sw-row');
    li.setAttribute('role', 'treeitem');
    li.setAttribute('aria-level', String(row.depth + 1));
    li.setAttribute('aria-selected', 'false');
    li.tabIndex = at === 0 ? 0 : -1;
    li.dataset.index = String(row.index);
    li.dataset.status = String(s.statusCode);
    if (row.parent === 'missing') li.dataset.broken = 'true';
    if (row.firstOfTrace) li.dataset.firstOfTrace = 'true';

    const name = el('span', 'sw-name');
    name.style.setProperty('--sw-depth', String(Math.min(row.depth, 12)));
    if (row.firstOfTrace) name.append(el('span', 'sw-trace', S('trace', { n: row.trace })));
    name.append(el('span', 'sw-service', s.service), el('span', 'sw-span-name', s.name));
    const badges: string[] = [];
    if (row.parent === 'missing') {
      name.append(el('span', 'sw-badge sw-badge--broken', `⚠ ${S('brokenBadge')}`));
      badges.push(S('brokenBadge'));
    }
    if (row.repeat > 0) {
      name.append(el('span', 'sw-badge', S('repeat', { n: row.repeat + 1 })));
      badges.push(S('repeat', { n: row.repeat + 1 }));
    }
    if (s.statusCode === 2) badges.push(S('status.2'));
    const lane = el('span', 'sw-lane');
    lane.setAttribute('aria-hidden', 'true');
    const bar = el('span', 'sw-bar');
    bar.style.insetInlineStart = `${(row.left * 100).toFixed(3)}%`;
    bar.style.width = `${(row.width * 100).toFixed(3)}%`;
    lane.append(bar);
    const duration = el('span', 'sw-duration', formatNs(row.duration));
    li.append(name, lane, duration);
    li.setAttribute('aria-label', [`${s.service} ${s.name}`, S('trace', { n: row.trace }), formatNs(row.duration), ...badges].join(', '));
    tree.append(li);
    rowOf.set(row.index, { row, li, at });
  });
  scroll.append(axis, tree);
  const help = el('p', 'sw-help', S('help'));
  const details = el('section', 'sw-details');
  details.setAttribute('aria-live', 'polite');
  details.append(el('p', 'sw-hint', S('selectHint')));
  root.append(scroll, help, details);
  host.replaceChildren(root);

  let selected: number | null = null;
  const items = () => layout.rows.map((r) => rowOf.get(r.index)!.li);
  const focusRow = (at: number) => {
    const list = items();
    const li = list[Math.max(0, Math.min(list.length - 1, at))];
    for (const x of list) x.tabIndex = x === li ? 0 : -1;
    li.focus();
  };

  function select(index: number | null, notify = true) {
    if (selected !== null) rowOf.get(selected)?.li.setAttribute('aria-selected', 'false');
    selected = index !== null && rowOf.has(index) ? index : null;
    if (selected === null) {
      details.replaceChildren(el('p', 'sw-hint', S('selectHint')));
    } else {
      const { li } = rowOf.get(selected)!;
      li.setAttribute('aria-selected', 'true');
      for (const x of items()) x.tabIndex = x === li ? 0 : -1;
      // Keep the selected row in view inside the list's own box (below its sticky axis), not by scrolling the page.
      const r = li.getBoundingClientRect();
      const box = scroll.getBoundingClientRect();
      const top = box.top + axis.offsetHeight;
      if (r.top < top || r.bottom > box.bottom) scroll.scrollTop += r.top - top - (box.bottom - top) / 3;
      renderDetails(selected);
    }
    root.dataset.selected = selected === null ? '' : String(selected);
    if (notify) opts.onSelect?.(selected, selected === null ? null : spans[selected]);
  }

  function goTo(index: number) {
    const target = rowOf.get(index);
    if (!target) return;
    select(index);
    focusRow(target.at);
  }

  function renderDetails(index: number) {
    const { row } = rowOf.get(index)!;
    const s = row.span;
    const title = el('h4', undefined, `${s.service} · ${s.name}`);
    const dl = el('dl');
    const add = (label: string, value: string | Node) => {
      const dd = el('dd');
      dd.append(value);
      dl.append(el('dt', undefined, label), dd);
    };
    add(S('field.kind'), S(`kind.${s.kind}`));
    add(S('field.status'), s.statusMessage ? `${S(`status.${s.statusCode}`)}: ${s.statusMessage}` : S(`status.${s.statusCode}`));
    add(S('field.start'), formatNs(row.offset));
    add(S('field.duration'), formatNs(row.duration));
    add(S('field.traceId'), el('code', undefined, s.traceId));
    add(S('field.spanId'), el('code', undefined, s.spanId));
    if (row.parent === 'root') add(S('field.parent'), S('parentRoot'));
    else if (row.parent === 'missing') add(S('field.parent'), el('strong', 'sw-broken', `⚠ ${S('parentMissing', { id: s.parentSpanId })}`));
    else {
      const p = spans[row.parentIndex];
      const b = el('button', 'sw-link', S('parentLink', { name: `${p.service} · ${p.name}`, id: s.parentSpanId }));
      b.type = 'button';
      b.addEventListener('click', () => goTo(row.parentIndex));
      add(S('field.parent'), b);
    }
    add(S('field.scope'), s.scope);
    const section = (label: string, list: Node) => {
      const h = el('h5', undefined, label);
      return [h, list];
    };
    const attrs = (a: Record<string, string>) => {
      const entries = Object.entries(a).sort(([x], [y]) => x.localeCompare(y));
      if (!entries.length) return el('p', 'sw-muted', S('noAttributes'));
      const d = el('dl', 'sw-attrs');
      for (const [k, v] of entries) d.append(el('dt', undefined, k), el('dd', undefined, v));
      return d;
    };
    const parts: Node[] = [title, dl, ...section(S('field.attributes'), attrs(s.attributes))];
    if (s.events.length) {
      const ol = el('ol', 'sw-events');
      for (const e of s.events) {
        const li = el('li');
        li.append(el('strong', undefined, e.name), ` ${S('eventAt', { at: formatNs(e.time - s.start) })}`, attrs(e.attributes));
        ol.append(li);
      }
      parts.push(...section(S('field.events'), ol));
    }
    if (s.links.length) {
      const ul = el('ul', 'sw-links');
      for (const l of s.links) {
        const li = el('li');
        const target = spans.findIndex((x) => x.traceId === l.traceId && x.spanId === l.spanId);
        if (target >= 0 && rowOf.has(target)) {
          const b = el('button', 'sw-link', S('parentLink', { name: `${spans[target].service} · ${spans[target].name}`, id: l.spanId }));
          b.type = 'button';
          b.addEventListener('click', () => goTo(target));
          li.append(b);
        } else li.append(S('linkMissing', { id: `${l.traceId}/${l.spanId}` }));
        ul.append(li);
      }
      parts.push(...section(S('field.links'), ul));
    }
    parts.push(...section(S('field.resource'), attrs(s.resource)));
    details.replaceChildren(...parts);
  }

  const ac = new AbortController();
  tree.addEventListener(
    'click',
    (e) => {
      const li = (e.target as Element).closest<HTMLLIElement>('.sw-row');
      if (!li) return;
      const index = Number(li.dataset.index);
      select(index);
      focusRow(rowOf.get(index)!.at);
    },
    { signal: ac.signal },
  );
  tree.addEventListener(
    'keydown',
    (e) => {
      const li = (e.target as Element).closest<HTMLLIElement>('.sw-row');
      if (!li || e.altKey || e.ctrlKey || e.metaKey) return;
      const { row, at } = rowOf.get(Number(li.dataset.index))!;
      let handled = true;
      switch (e.key) {
        case 'ArrowDown':
          focusRow(at + 1);
          break;
        case 'ArrowUp':
          focusRow(at - 1);
          break;
        case 'Home':
          focusRow(0);
          break;
        case 'End':
          focusRow(layout.rows.length - 1);
          break;
        case 'ArrowLeft':
          if (row.parentIndex >= 0 && rowOf.has(row.parentIndex)) focusRow(rowOf.get(row.parentIndex)!.at);
          break;
        case 'ArrowRight': {
          const child = layout.rows[at + 1];
          if (child && child.parentIndex === row.index) focusRow(at + 1);
          break;
        }
        case 'Enter':
        case ' ':
          select(row.index);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    },
    { signal: ac.signal },
  );

  return {
    root,
    layout,
    select: (index) => select(index, false),
    mark(index, text) {
      const target = rowOf.get(index);
      if (!target) return;
      target.li.querySelector('.sw-mark')?.remove();
      if (text) target.li.querySelector('.sw-name')!.append(el('span', 'sw-mark', text));
    },
    destroy() {
      ac.abort();
      root.remove();
    },
  };
}

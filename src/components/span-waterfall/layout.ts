/**
 * The span waterfall's rows, from a run's spans: pure, no DOM.
 *
 * Traces come in the order they started; inside a trace, each span sits under its parent, siblings in
 * the order they started. A span whose parent is not among the run's spans (in its trace) is a broken
 * link: it heads a subtree of its own, marked, rather than disappearing or passing for a root. The
 * same span received more than once (a Collector that processes a retried export twice) keeps every
 * copy, each after the first marked as a repeat. Bars are placed on one time axis for the whole run.
 */
import type { SpanRecord } from '../../go-wasm/spans.ts';

export type ParentState = 'root' | 'present' | 'missing';

export interface WaterfallRow {
  /** Index of the span in the input. */
  index: number;
  span: SpanRecord;
  /** 0 for a root or a span whose parent is missing. */
  depth: number;
  /** Which trace of the run, from 1, in the order traces started. */
  trace: number;
  /** First row of its trace. */
  firstOfTrace: boolean;
  parent: ParentState;
  /** Index of the parent span in the input, -1 when it has none in the run. */
  parentIndex: number;
  /** 0 for the first copy of a span; n for its n-th repeat. */
  repeat: number;
  /** Start and duration, ns, from the run's first span. */
  offset: number;
  duration: number;
  /** The bar, as fractions of the axis. */
  left: number;
  width: number;
}

export interface WaterfallLayout {
  rows: WaterfallRow[];
  /** Every span, rows beyond the limit included. */
  total: number;
  traces: number;
  /** Spans whose parent is not in the run. */
  broken: number;
  /** ns covered by the axis: from the first start to the last end. */
  span: number;
}

const byStart = (a: SpanRecord, b: SpanRecord) => a.start - b.start || a.name.localeCompare(b.name);

/** Lays the spans out; only the first `limit` rows are kept (the counts cover them all). */
export function layoutSpans(spans: readonly SpanRecord[], limit = Infinity): WaterfallLayout {
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of spans) {
    t0 = Math.min(t0, s.start);
    t1 = Math.max(t1, s.end, s.start);
  }
  if (!spans.length) t0 = t1 = 0;
  const axis = Math.max(t1 - t0, 1);

  // The first copy of each span, by trace and span ID; a parent is looked up in the child's trace.
  const key = (traceId: string, spanId: string) => `${traceId}/${spanId}`;
  const firstCopy = new Map<string, number>();
  const copies = new Map<string, number>();
  const repeat = spans.map((s, i) => {
    const k = key(s.traceId, s.spanId);
    if (!firstCopy.has(k)) firstCopy.set(k, i);
    const n = copies.get(k) ?? 0;
    copies.set(k, n + 1);
    return n;
  });

  const parentOf = spans.map((s): { state: ParentState; index: number } => {
    if (!s.parentSpanId) return { state: 'root', index: -1 };
    const p = firstCopy.get(key(s.traceId, s.parentSpanId));
    // A span that names itself as its parent is no parent at all.
    return p === undefined || p === firstCopy.get(key(s.traceId, s.spanId)) ? { state: 'missing', index: -1 } : { state: 'present', index: p };
  });

  const children = new Map<number, number[]>();
  const heads = new Map<string, number[]>(); // by trace
  spans.forEach((s, i) => {
    const p = parentOf[i];
    const list = p.state === 'present' ? children.get(p.index) : heads.get(s.traceId);
    if (list) list.push(i);
    else if (p.state === 'present') children.set(p.index, [i]);
    else heads.set(s.traceId, [i]);
  });
  const order = (list: number[]) => list.sort((a, b) => byStart(spans[a], spans[b]) || a - b);

  // Traces in the order their first span started.
  const traceStart = new Map<string, number>();
  for (const s of spans) traceStart.set(s.traceId, Math.min(traceStart.get(s.traceId) ?? Infinity, s.start));
  const traceIds = [...traceStart.keys()].sort((a, b) => traceStart.get(a)! - traceStart.get(b)! || a.localeCompare(b));
  const traceNo = new Map(traceIds.map((id, i) => [id, i + 1]));

  const rows: WaterfallRow[] = [];
  const placed = new Set<number>();
  let broken = 0;
  const visit = (i: number, depth: number) => {
    // A parent chain that loops back (IDs the program made up) is cut where it repeats.
    if (placed.has(i)) return;
    placed.add(i);
    const s = spans[i];
    if (parentOf[i].state === 'missing') broken++;
    if (rows.length < limit) {
      const offset = s.start - t0;
      const duration = Math.max(0, s.end - s.start);
      rows.push({
        index: i, span: s, depth, trace: traceNo.get(s.traceId)!, firstOfTrace: false,
        parent: parentOf[i].state, parentIndex: parentOf[i].index, repeat: repeat[i],
        offset, duration, left: offset / axis, width: duration / axis,
      });
    }
    for (const c of order(children.get(i) ?? [])) visit(c, depth + 1);
  };
  for (const traceId of traceIds) for (const h of order(heads.get(traceId) ?? [])) visit(h, 0);
  // Spans caught in a parent loop never reached from a head: shown as broken links, not dropped.
  for (const i of order(spans.map((_, i) => i).filter((i) => !placed.has(i)))) {
    parentOf[i] = { state: 'missing', index: -1 };
    visit(i, 0);
  }
  let lastTrace = 0;
  for (const r of rows) {
    r.firstOfTrace = r.trace !== lastTrace;
    lastTrace = r.trace;
  }
  return { rows, total: spans.length, traces: traceIds.length, broken, span: t1 - t0 };
}

// The span waterfall's layout (src/components/span-waterfall/layout.ts): rows in trace and tree
// order whatever order the exporter delivered them in, depths, broken parent links shown as such,
// repeats kept, and bars on one axis.
import { describe, expect, it } from 'vitest';
import { layoutSpans } from '../../src/components/span-waterfall/layout.ts';
import type { SpanRecord } from '../../src/go-wasm/spans.ts';

const T1 = '11'.repeat(16);
const T2 = '22'.repeat(16);
let next = 0;
function span(name: string, o: Partial<SpanRecord> & { id?: string } = {}): SpanRecord {
  const { id, ...rest } = o;
  return {
    service: 'frontend', resource: {}, scope: 'frontend', traceId: T1, spanId: id ?? (++next).toString(16).padStart(16, '0'), parentSpanId: '',
    name, kind: 1, statusCode: 0, statusMessage: '', attributes: {}, events: [], links: [], start: 0, end: 0, ...rest,
  };
}
const names = (spans: SpanRecord[], limit?: number) => layoutSpans(spans, limit).rows.map((r) => `${'  '.repeat(r.depth)}${r.span.name}`);

describe('span waterfall layout', () => {
  it('puts each span under its parent, siblings by start, whatever order they were exported in (children end first)', () => {
    const get = span('GET', { id: 'a'.repeat(16), start: 0, end: 100 });
    const load = span('loadUser', { id: 'b'.repeat(16), parentSpanId: get.spanId, start: 10, end: 30 });
    const select = span('SELECT users', { parentSpanId: load.spanId, start: 12, end: 20 });
    const charge = span('chargeCard', { parentSpanId: get.spanId, start: 40, end: 45 });
    const call = span('HTTP GET', { id: 'c'.repeat(16), parentSpanId: get.spanId, start: 50, end: 90 });
    const remote = span('GET', { service: 'inventory', parentSpanId: call.spanId, start: 55, end: 85 });
    // As the batch span processor delivers them: in the order they ended.
    const layout = layoutSpans([select, load, charge, remote, call, get]);
    expect(layout.rows.map((r) => `${'  '.repeat(r.depth)}${r.span.service}/${r.span.name}`)).toEqual([
      'frontend/GET',
      '  frontend/loadUser',
      '    frontend/SELECT users',
      '  frontend/chargeCard',
      '  frontend/HTTP GET',
      '    inventory/GET',
    ]);
    expect(layout).toMatchObject({ total: 6, traces: 1, broken: 0, span: 100 });
    expect(layout.rows[1]).toMatchObject({ parent: 'present', parentIndex: 5, offset: 10, duration: 20, left: 0.1, width: 0.2 });
    expect(layout.rows[0]).toMatchObject({ parent: 'root', parentIndex: -1, firstOfTrace: true, trace: 1 });
  });

  it('shows a span whose parent is not in the run as a broken link at the head of its own subtree', () => {
    const root = span('GET', { start: 0, end: 50 });
    const orphan = span('reserveStock', { parentSpanId: 'f'.repeat(16), start: 20, end: 30 });
    const child = span('UPDATE stock', { parentSpanId: orphan.spanId, start: 22, end: 25 });
    // The parent ID exists, but in another trace: a parent is looked up in its child's trace.
    const elsewhere = span('charge', { traceId: T2, parentSpanId: root.spanId, start: 5, end: 6 });
    const layout = layoutSpans([child, orphan, root, elsewhere]);
    expect(layout.rows.map((r) => [r.span.name, r.depth, r.parent, r.trace])).toEqual([
      ['GET', 0, 'root', 1],
      ['reserveStock', 0, 'missing', 1],
      ['UPDATE stock', 1, 'present', 1],
      ['charge', 0, 'missing', 2],
    ]);
    expect(layout.broken).toBe(2);
    expect(layout.traces).toBe(2);
  });

  it('orders traces by their first start and marks the first row of each', () => {
    const late = span('late', { traceId: T1, start: 500, end: 600 });
    const early = span('early', { traceId: T2, start: 100, end: 200 });
    const rows = layoutSpans([late, early]).rows;
    expect(rows.map((r) => [r.span.name, r.trace, r.firstOfTrace])).toEqual([['early', 1, true], ['late', 2, true]]);
    expect(rows.map((r) => r.left)).toEqual([0, 0.8]);
  });

  it('keeps every copy of a span received more than once, the repeats marked, children under the first copy', () => {
    const a = span('retried', { id: '1'.repeat(16), start: 0, end: 10 });
    const child = span('encode', { parentSpanId: a.spanId, start: 2, end: 3 });
    const rows = layoutSpans([a, child, { ...a }, { ...a }]).rows;
    expect(rows.map((r) => [r.span.name, r.depth, r.repeat])).toEqual([
      ['retried', 0, 0],
      ['encode', 1, 0],
      ['retried', 0, 1],
      ['retried', 0, 2],
    ]);
  });

  it('keeps only the first rows past a limit, and counts every span', () => {
    const spans = Array.from({ length: 50 }, (_, i) => span(`burst ${i}`, { traceId: i.toString(16).padStart(32, '0'), start: i, end: i + 1, parentSpanId: i % 10 === 0 ? 'e'.repeat(16) : '' }));
    const layout = layoutSpans(spans, 20);
    expect(layout.rows).toHaveLength(20);
    expect(layout).toMatchObject({ total: 50, traces: 50, broken: 5 });
    expect(names(spans, 3)).toEqual(['burst 0', 'burst 1', 'burst 2']);
  });

  it('survives what no SDK would send: parent loops, a span its own parent, ends before starts, nothing at all', () => {
    const a = span('a', { id: '1'.repeat(16), parentSpanId: '2'.repeat(16), start: 5, end: 1 });
    const b = span('b', { id: '2'.repeat(16), parentSpanId: '1'.repeat(16), start: 6, end: 8 });
    const self = span('self', { id: '3'.repeat(16), parentSpanId: '3'.repeat(16), start: 7, end: 9 });
    const layout = layoutSpans([a, b, self]);
    // Spans in a loop are reached from no head: they come last, the loop cut at its earliest span.
    expect(layout.rows.map((r) => [r.span.name, r.depth, r.parent])).toEqual([['self', 0, 'missing'], ['a', 0, 'missing'], ['b', 1, 'present']]);
    expect(layout.broken).toBe(2);
    expect(layout.rows[1].duration).toBe(0);
    expect(layoutSpans([])).toEqual({ rows: [], total: 0, traces: 0, broken: 0, span: 0 });
  });
});

// What the Collector received, read from its otlpjsonfile output (OTLP/JSON, one
// ExportTraceServiceRequest a line), flattened to spans, and summarised for people.

export interface SpanEvent { name: string; attributes: Record<string, string> }
export interface SpanLink { traceId: string; spanId: string }
export interface Span {
  /** The resource's service.name. */
  service: string;
  resource: Record<string, string>;
  traceId: string;
  spanId: string;
  /** "" for a root. */
  parentSpanId: string;
  name: string;
  kind: number;
  /** OTLP status code: 0 Unset, 1 Ok, 2 Error. */
  statusCode: number;
  statusMessage: string;
  attributes: Record<string, string>;
  events: SpanEvent[];
  links: SpanLink[];
  /** Unix nanoseconds. */
  start: bigint;
  end: bigint;
  /** Which line of the file (which export) it came in. */
  line: number;
}

type AnyValue = Record<string, unknown>;
const valueString = (v: AnyValue): string => {
  const [kind, value] = Object.entries(v ?? {})[0] ?? ['', ''];
  return kind === 'arrayValue' || kind === 'kvlistValue' ? JSON.stringify(value) : String(value);
};
const attrs = (list: { key: string; value: AnyValue }[] = []): Record<string, string> =>
  Object.fromEntries(list.map((a) => [a.key, valueString(a.value)]));

/** Spans in the order they were received; only those of one run when run is given. */
export function readReceived(text: string, run?: string): Span[] {
  const spans: Span[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    for (const rs of JSON.parse(line).resourceSpans ?? []) {
      const resource = attrs(rs.resource?.attributes);
      if (run !== undefined && resource['fieldguide.run'] !== run) continue;
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          spans.push({
            service: resource['service.name'] ?? '', resource,
            traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '',
            name: s.name, kind: s.kind ?? 0,
            statusCode: s.status?.code ?? 0, statusMessage: s.status?.message ?? '',
            attributes: attrs(s.attributes),
            events: (s.events ?? []).map((e: { name: string; attributes?: [] }) => ({ name: e.name, attributes: attrs(e.attributes) })),
            links: (s.links ?? []).map((l: SpanLink) => ({ traceId: l.traceId, spanId: l.spanId })),
            start: BigInt(s.startTimeUnixNano), end: BigInt(s.endTimeUnixNano), line: i,
          });
        }
      }
    }
  });
  return spans;
}

/** Spans grouped by trace ID, traces in the order their first span arrived. */
export function byTrace(spans: Span[]): Map<string, Span[]> {
  const traces = new Map<string, Span[]>();
  for (const s of spans) traces.set(s.traceId, [...(traces.get(s.traceId) ?? []), s]);
  return traces;
}

export const STATUS = ['Unset', 'Ok', 'Error'];

/**
 * One line per span, for people and for the manifest: "trace N service/name ← parent", with
 * status, events and links. Trace numbers and parent names replace IDs, so a recording reads the
 * same from run to run. A parent that was not received shows as "(parent not received)".
 */
export function describeSpans(spans: Span[]): string[] {
  const traceNo = new Map<string, number>();
  for (const s of [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (!traceNo.has(s.traceId)) traceNo.set(s.traceId, traceNo.size + 1);
  }
  const bySpanId = new Map(spans.map((s) => [s.spanId, s]));
  const label = (s: Span) => `${s.service}/${s.name}`;
  // Equal start times happen under a coarse clock (WebAssembly): parents first, then by name.
  const depth = (s: Span): number => {
    let d = 0;
    for (let p = bySpanId.get(s.parentSpanId); p && d < spans.length; p = bySpanId.get(p.parentSpanId)) d++;
    return d;
  };
  return [...spans]
    .sort((a, b) => traceNo.get(a.traceId)! - traceNo.get(b.traceId)! || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)
      || depth(a) - depth(b) || label(a).localeCompare(label(b)))
    .map((s) => {
      const parent = !s.parentSpanId ? 'root' : bySpanId.has(s.parentSpanId) ? `child of ${label(bySpanId.get(s.parentSpanId)!)}` : 'parent not received';
      let line = `trace ${traceNo.get(s.traceId)}: ${label(s)} (${parent})`;
      if (s.statusCode) line += `, status ${STATUS[s.statusCode]}${s.statusMessage ? ` "${s.statusMessage}"` : ''}`;
      for (const e of s.events) {
        const a = Object.entries(e.attributes).filter(([k]) => k !== 'exception.stacktrace').sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
        if ('exception.stacktrace' in e.attributes) a.push('exception.stacktrace=…');
        line += `, event ${e.name}${a.length ? ` {${a.join(', ')}}` : ''}`;
      }
      for (const l of s.links) {
        const target = bySpanId.get(l.spanId);
        line += `, link to ${target ? `trace ${traceNo.get(l.traceId)} ${label(target)}` : 'a span not received'}`;
      }
      return line;
    });
}

/**
 * Counts for a call chain of services: a trace is whole when every service recorded a span in
 * it, broken otherwise; rootless when none of its received spans is a root.
 */
export function chainCounts(spans: Span[], services: string[]): { traces: number; spans: number; whole: number; broken: number; rootless: number } {
  const traces = byTrace(spans);
  let whole = 0;
  let rootless = 0;
  for (const t of traces.values()) {
    const seen = new Set(t.map((s) => s.service));
    if (services.every((s) => seen.has(s))) whole++;
    if (!t.some((s) => !s.parentSpanId)) rootless++;
  }
  return { traces: traces.size, spans: spans.length, whole, broken: traces.size - whole, rootless };
}

/** The spans otel-inmemory prints ("span {json}" lines), as Spans. */
export function readInMemory(stdout: string): Span[] {
  return [...stdout.matchAll(/^span (\{.*\})$/gm)].map((m, line) => {
    const s = JSON.parse(m[1]);
    return {
      ...s, resource: { 'service.name': s.service }, kind: 0, attributes: {},
      start: BigInt(s.start), end: BigInt(s.end), line,
    };
  });
}

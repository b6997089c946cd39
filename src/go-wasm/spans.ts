/**
 * The spans an OpenTelemetry scenario hands the page (playground/otel/inpage/spans.go, inpage.Span):
 * what the in-memory exporter was given, or what the simulated Collector decoded. Kind and status
 * codes are OTLP's numbers; times are nanoseconds since the program started.
 *
 * The JSON comes from the program, so it is checked field by field: a record that is not a span is
 * an error that says which field, never a silently broken waterfall.
 */

export interface SpanEvent {
  name: string;
  /** ns since the program started. */
  time: number;
  attributes: Record<string, string>;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
}

export interface SpanRecord {
  service: string;
  resource: Record<string, string>;
  /** The instrumentation scope (the tracer's name). */
  scope: string;
  traceId: string;
  spanId: string;
  /** "" for a root. */
  parentSpanId: string;
  name: string;
  /** OTLP: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** OTLP: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  attributes: Record<string, string>;
  events: SpanEvent[];
  links: SpanLink[];
  start: number;
  end: number;
}

export class SpanFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpanFormatError';
  }
}

const HEX = /^[0-9a-f]*$/;

function stringMap(v: unknown, where: string): Record<string, string> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SpanFormatError(`${where} is not an object`);
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') throw new SpanFormatError(`${where}.${k} is not a string`);
  return v as Record<string, string>;
}

function field<T>(o: Record<string, unknown>, key: string, type: 'string' | 'number', where: string): T {
  const v = o[key];
  if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) throw new SpanFormatError(`${where}.${key} is not a ${type}`);
  return v as T;
}

/** One span record, checked; `where` names it in errors ("span 3"). */
export function checkSpan(v: unknown, where: string): SpanRecord {
  if (v === null || typeof v !== 'object') throw new SpanFormatError(`${where} is not an object`);
  const o = v as Record<string, unknown>;
  const s = (k: string) => field<string>(o, k, 'string', where);
  const n = (k: string) => field<number>(o, k, 'number', where);
  const ids = { traceId: s('traceId'), spanId: s('spanId'), parentSpanId: s('parentSpanId') };
  for (const [k, id] of Object.entries(ids)) if (!HEX.test(id)) throw new SpanFormatError(`${where}.${k} is not hexadecimal`);
  if (!Array.isArray(o.events) || !Array.isArray(o.links)) throw new SpanFormatError(`${where} has no events or links list`);
  return {
    service: s('service'), resource: stringMap(o.resource, `${where}.resource`), scope: s('scope'),
    ...ids, name: s('name'), kind: n('kind'), statusCode: n('statusCode'), statusMessage: s('statusMessage'),
    attributes: stringMap(o.attributes, `${where}.attributes`),
    events: o.events.map((e, i) => {
      const w = `${where}.events[${i}]`;
      if (e === null || typeof e !== 'object') throw new SpanFormatError(`${w} is not an object`);
      const eo = e as Record<string, unknown>;
      return { name: field<string>(eo, 'name', 'string', w), time: field<number>(eo, 'time', 'number', w), attributes: stringMap(eo.attributes, `${w}.attributes`) };
    }),
    links: o.links.map((l, i) => {
      const w = `${where}.links[${i}]`;
      if (l === null || typeof l !== 'object') throw new SpanFormatError(`${w} is not an object`);
      const lo = l as Record<string, unknown>;
      return { traceId: field<string>(lo, 'traceId', 'string', w), spanId: field<string>(lo, 'spanId', 'string', w) };
    }),
    start: n('start'), end: n('end'),
  };
}

/** Spans from the program's JSON batches (each a JSON array), in the order they arrived. */
export function parseSpans(batches: string[]): SpanRecord[] {
  const out: SpanRecord[] = [];
  batches.forEach((json, b) => {
    let list: unknown;
    try {
      list = JSON.parse(json);
    } catch (error) {
      throw new SpanFormatError(`batch ${b + 1} of spans is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(list)) throw new SpanFormatError(`batch ${b + 1} of spans is not a list`);
    for (const v of list) out.push(checkSpan(v, `span ${out.length + 1}`));
  });
  return out;
}

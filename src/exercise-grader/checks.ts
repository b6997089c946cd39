/**
 * What an exercise's checks.ts exports: named checks, each run against the reader's exported
 * functions on one recorded trace (or on no trace, for checks of pure helpers). A check returns an
 * outcome (pass, or what was expected and what came back); the grader (grade.ts) turns that into a
 * result line, and a check that throws (the reader's code threw) fails with the error's message.
 *
 * Checks are site code: they import the reader and the analysis by relative path, while the reader's
 * code imports them as '#field-guide/trace' and '#field-guide/analysis' (mapped in modules.ts).
 */
import type { Event } from '../trace/index.ts';
import type { TraceModel } from '../analysis/index.ts';

export type Localized = { en: string; 'zh-CN': string };

/** One recorded trace, parsed only when a check asks for it (and then once). */
export interface TraceInput {
  name: string;
  bytes: Uint8Array;
  /** Every event, in order (the reader's error, if any, is thrown). */
  events(): Event[];
  /** The analysed model (analyseBytes): a broken trace still gives a model, with `error` set. */
  model(): TraceModel;
}

export type Outcome =
  | { pass: true; actual?: unknown }
  | { pass: false; expected?: unknown; actual?: unknown; note?: Localized };

export interface Check<Exports> {
  /** Stable id, unique in the exercise. */
  id: string;
  label: Localized;
  /** A file of playground/traces, or none for a check of a pure function. */
  trace?: string;
  run(exports: Exports, trace: TraceInput | undefined): Outcome;
}

export interface ExerciseChecks<Exports> {
  /** The names the reader's module must export (checked before any check runs). */
  exports: (keyof Exports & string)[];
  checks: Check<Exports>[];
}

export function defineChecks<Exports>(checks: ExerciseChecks<Exports>): ExerciseChecks<Exports> {
  return checks;
}

/** A stable text form of a value, for comparing and for showing (keys sorted, typed arrays as arrays). */
export function canonical(value: unknown): string {
  return describe(value, 6, new Set(), true);
}

/** The value for people: like canonical but cut short when long. */
export function show(value: unknown, max = 400): string {
  const text = describe(value, 4, new Set(), false);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describe(v: unknown, depth: number, seen: Set<unknown>, sortKeys: boolean): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'number': return Object.is(v, -0) ? '0' : String(v);
    case 'bigint': return `${v}n`;
    case 'string': return JSON.stringify(v);
    case 'boolean': return String(v);
    case 'function': return `[function ${(v as { name?: string }).name || 'anonymous'}]`;
    case 'symbol': return String(v);
  }
  if (seen.has(v)) return '[circular]';
  if (depth <= 0) return '…';
  seen.add(v);
  try {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
    if (Array.isArray(v)) return `[${v.map((x) => describe(x, depth - 1, seen, sortKeys)).join(', ')}]`;
    if (v instanceof Set) return `Set(${describe([...v], depth, seen, sortKeys)})`;
    if (v instanceof Map) return `Map(${describe(Object.fromEntries(v), depth, seen, sortKeys)})`;
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    const keys = Object.keys(v as object);
    if (sortKeys) keys.sort();
    return `{${keys.map((k) => `${k}: ${describe((v as Record<string, unknown>)[k], depth - 1, seen, sortKeys)}`).join(', ')}}`;
  } finally {
    seen.delete(v);
  }
}

/** Pass when `actual` equals `expected` in content (order of object keys ignored). */
export function expectEqual(actual: unknown, expected: unknown): Outcome {
  return canonical(actual) === canonical(expected) ? { pass: true, actual } : { pass: false, expected, actual };
}

/** Pass when every number in `actual` is within `tolerance` of `expected` (same length). */
export function expectClose(actual: unknown, expected: number[], tolerance = 1e-6): Outcome {
  const ok = Array.isArray(actual) && actual.length === expected.length &&
    actual.every((x, i) => typeof x === 'number' && Math.abs(x - expected[i]) <= tolerance);
  return ok ? { pass: true, actual } : { pass: false, expected, actual };
}

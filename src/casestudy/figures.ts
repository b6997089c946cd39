/**
 * Every number chapter 6 prints, computed from its three recordings (playground/traces/slow-request-*)
 * and what the program printed while they were recorded. content/casestudy/figures.json holds the
 * result, the lessons import it, and tests/casestudy/figures.test.ts computes it again from the
 * traces: a number in the text that the traces do not give fails the test.
 *
 * Times are milliseconds, rounded as the text prints them (roundMs); times on a timeline are
 * milliseconds from the trace's first event, as the viewer shows them.
 */
import type { TraceModel } from '../analysis/model.ts';
import { goroutineGroupSummaries } from '../analysis/summaries.ts';
import {
  assistTime, assistTimeIn, callersOf, duringGC, endedWaits, flatByFunction, logWriteWaits, mutexWaits, nearestRank,
  regionDurations, regionSpans, requestWaits, slowestRequest, syncProfile, type MutexSite,
} from './measures.ts';

/** The three recordings, by their part in the chapter. */
export const RECORDINGS = {
  snapshot: 'slow-request-broken-snapshot.go1.27.trace',
  broken: 'slow-request-broken.go1.27.trace',
  fixed: 'slow-request-fixed.go1.27.trace',
} as const;
export type RecordingName = keyof typeof RECORDINGS;

/** Rounds as the chapter prints times: 3 significant digits (0.404, 26.2, 133), whole above 1000. */
export function roundMs(ms: number): number {
  if (ms === 0) return 0;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(ms))));
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}

const ms = (ns: number) => roundMs(ns / 1e6);
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const sum = (spans: { start: number; end: number }[]) => spans.reduce((t, s) => t + s.end - s.start, 0);

/** What the program printed: the histogram's percentile line ("p50 1.3ms  p90 4.8ms  p99 27.6ms  max 40.687645ms"). */
export interface Printed {
  requests: number;
  p50: string;
  p90: string;
  p99: string;
  max: string;
  /** Requests per histogram bucket, in order ("0s-1ms" … "200ms+"). */
  buckets: { label: string; count: number }[];
}

export function parsePrinted(out: string): Printed {
  const head = /^(\d+) requests in \S+, (\d+) errors$/m.exec(out);
  const line = /^p50 (\S+)\s+p90 (\S+)\s+p99 (\S+)\s+max (\S+)$/m.exec(out);
  if (!head || !line) throw new Error(`no histogram in the program's output:\n${out}`);
  const buckets = [...out.matchAll(/^\s*(\S+)\s+(\d+) #*$/gm)].map((m) => ({ label: m[1], count: Number(m[2]) }));
  return { requests: Number(head[1]), p50: line[1], p90: line[2], p99: line[3], max: line[4], buckets };
}

export interface RegionStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function regionStats(model: TraceModel, name: string): RegionStats {
  const d = regionDurations(model, name);
  return { n: d.length, p50: ms(nearestRank(d, 50)), p99: ms(nearestRank(d, 99)), max: ms(d.at(-1) ?? 0) };
}

/** Figures of one recording. */
export interface RecordingFigures {
  file: string;
  bytes: number;
  spanMs: number;
  gcs: number;
  /** Share of the trace's time inside a GC mark phase, %. */
  gcMarkPct: number;
  printed: Printed;
  requests: number;
  /** Requests (regions "request") over the program's -slow threshold, 25 ms. */
  over25: number;
  regions: Record<'request' | 'parse' | 'cache' | 'log', RegionStats>;
  slowest: { atMs: number; ms: number; parseMs: number; cacheMs: number; logMs: number; part: 'parse' | 'cache' | 'log' };
  mutex: Record<MutexSite, { n: number; ms: number; longestMs: number }>;
  logWrite: { n: number; ms: number; byRequests: number };
  longestRequestWaitMs: number;
  assists: { n: number; ms: number; inCacheMs: number; inCachePct: number };
  /** The GC mark phases: where each starts (ms on the timeline) and how long it lasts. */
  gcCycles: { atMs: number; ms: number }[];
  /** The slowest region "cache": where it starts and how long it lasts, and whether a GC mark phase overlapped it. */
  slowestCache: { atMs: number; ms: number; duringGC: boolean };
  /** Regions "cache" that overlapped a GC mark phase, and the others. */
  cacheDuringGC: { n: number; meanMs: number; maxMs: number };
  cacheOutsideGC: { n: number; meanMs: number; maxMs: number };
  /** The request handlers' goroutines (net/http.(*conn).serve), as the goroutine analysis groups them. */
  serve: { n: number; runningMs: number; runnableMs: number; waitingMs: Record<string, number>; assistMs: number };
  /** The sync blocking profile (go tool trace -pprof=sync) focused on the handlers (pprof -focus=serveItem). */
  syncProfile: {
    totalMs: number;
    /** The whole profile, unfocused (idle waits included), and the handlers' share of it, %. */
    allMs: number;
    handlersPct: number;
    flat: { func: string; ms: number }[];
    lockCallers: { func: string; ms: number; pct: number }[];
  };
}

export interface CaseStudyFigures {
  /** The load every recording ran, from the manifest (the scenario's params). */
  load: { seconds: number; rate: number; clients: number; items: number; products: number; slowMs: number };
  snapshot: RecordingFigures;
  broken: RecordingFigures;
  fixed: RecordingFigures;
}

export interface RecordingInput {
  file: string;
  model: TraceModel;
  out: string;
}

const SERVE = 'net/http.(*conn).serve';

export function recordingFigures({ file, model, out }: RecordingInput): RecordingFigures {
  const waits = endedWaits(model);
  const requests = regionSpans(model, 'request');
  const slow = slowestRequest(model);
  const parts = slow?.parts ?? { parse: 0, cache: 0, log: 0 };
  const part = (['parse', 'cache', 'log'] as const).reduce((a, b) => (parts[b] > parts[a] ? b : a));

  const mw = mutexWaits(model, waits);
  const mutex = Object.fromEntries(
    (['cache', 'log', 'other'] as const).map((site) => {
      const w = mw.filter((x) => x.site === site);
      return [site, { n: w.length, ms: ms(sum(w)), longestMs: ms(Math.max(0, ...w.map((x) => x.end - x.start))) }];
    }),
  ) as RecordingFigures['mutex'];
  const writes = logWriteWaits(model, waits);
  const reqWaits = requestWaits(model, waits);

  let slowestCache: { start: number; end: number } | undefined;
  for (const r of regionSpans(model, 'cache')) if (!slowestCache || r.end - r.start > slowestCache.end - slowestCache.start) slowestCache = r;
  const during: number[] = [];
  const outside: number[] = [];
  for (const r of regionSpans(model, 'cache')) (duringGC(model, r.start, r.end) ? during : outside).push(r.end - r.start);
  const stats = (d: number[]) => ({ n: d.length, meanMs: ms(d.length ? d.reduce((a, b) => a + b, 0) / d.length : 0), maxMs: ms(Math.max(0, ...d)) });

  let gcNs = 0;
  for (let i = 0; i < model.gcCycles.length; i++) gcNs += model.gcCycles.end[i] - model.gcCycles.start[i];

  const group = goroutineGroupSummaries(model).find((g) => model.strings[g.group] === SERVE);
  const waitingMs: Record<string, number> = {};
  for (const [reason, ns] of Object.entries(group?.waitingByReason ?? {})) waitingMs[model.strings[Number(reason)] || '(none)'] = ms(ns);
  let serveAssist = 0;
  for (let i = 0; i < model.markAssists.length; i++) {
    const g = model.markAssists.scope[i];
    if (g >= 0 && model.strings[model.goroutines[g].group] === SERVE) serveAssist += model.markAssists.end[i] - model.markAssists.start[i];
  }

  const profile = syncProfile(model, 'serveItem', waits);
  const profileNs = profile.reduce((t, r) => t + r.ns, 0);
  const allNs = syncProfile(model, undefined, waits).reduce((t, r) => t + r.ns, 0);
  const lockCallers = callersOf(profile, 'sync.(*Mutex).Lock');
  const lockNs = lockCallers.reduce((t, c) => t + c.ns, 0);
  const assistNs = assistTime(model);
  const inCache = assistTimeIn(model, 'cache');

  return {
    file,
    bytes: model.bytes,
    spanMs: ms(model.duration),
    gcs: model.gcCycles.length,
    gcMarkPct: pct(gcNs, model.duration),
    printed: parsePrinted(out),
    requests: requests.length,
    over25: requests.filter((r) => r.end - r.start > 25e6).length,
    regions: { request: regionStats(model, 'request'), parse: regionStats(model, 'parse'), cache: regionStats(model, 'cache'), log: regionStats(model, 'log') },
    slowest: { atMs: ms(slow?.span.start ?? 0), ms: ms(slow?.durationNs ?? 0), parseMs: ms(parts.parse), cacheMs: ms(parts.cache), logMs: ms(parts.log), part },
    mutex,
    logWrite: { n: writes.length, ms: ms(sum(writes)), byRequests: writes.filter((w) => reqWaits.includes(w)).length },
    longestRequestWaitMs: ms(Math.max(0, ...reqWaits.map((w) => w.end - w.start))),
    assists: { n: model.markAssists.length, ms: ms(assistNs), inCacheMs: ms(inCache), inCachePct: pct(inCache, assistNs) },
    gcCycles: Array.from({ length: model.gcCycles.length }, (_, i) => ({ atMs: ms(model.gcCycles.start[i]), ms: ms(model.gcCycles.end[i] - model.gcCycles.start[i]) })),
    slowestCache: slowestCache
      ? { atMs: ms(slowestCache.start), ms: ms(slowestCache.end - slowestCache.start), duringGC: duringGC(model, slowestCache.start, slowestCache.end) }
      : { atMs: 0, ms: 0, duringGC: false },
    cacheDuringGC: stats(during),
    cacheOutsideGC: stats(outside),
    serve: {
      n: group?.count ?? 0,
      runningMs: ms(group?.running ?? 0),
      runnableMs: ms(group?.runnable ?? 0),
      waitingMs,
      assistMs: ms(serveAssist),
    },
    syncProfile: {
      totalMs: ms(profileNs),
      allMs: ms(allNs),
      handlersPct: Math.round((profileNs / Math.max(1, allNs)) * 1000) / 10,
      flat: flatByFunction(profile).map((f) => ({ func: f.func, ms: ms(f.ns) })),
      lockCallers: lockCallers.map((c) => ({ func: c.func, ms: ms(c.ns), pct: pct(c.ns, lockNs) })),
    },
  };
}

/** The load the recordings ran, from a manifest entry's params ("1.2s", 200, …). */
export function loadOf(params: Record<string, unknown>): CaseStudyFigures['load'] {
  const seconds = (d: unknown) => {
    const m = /^([\d.]+)(ms|s)$/.exec(String(d));
    if (!m) throw new Error(`not a duration: ${String(d)}`);
    return m[2] === 's' ? Number(m[1]) : Number(m[1]) / 1000;
  };
  return {
    seconds: seconds(params.load),
    rate: Number(params.rate),
    clients: Number(params.clients),
    items: Number(params.items),
    products: Number(params.products),
    slowMs: seconds(params.slow) * 1000,
  };
}

export function caseStudyFigures(load: CaseStudyFigures['load'], inputs: Record<RecordingName, RecordingInput>): CaseStudyFigures {
  return {
    load,
    snapshot: recordingFigures(inputs.snapshot),
    broken: recordingFigures(inputs.broken),
    fixed: recordingFigures(inputs.fixed),
  };
}

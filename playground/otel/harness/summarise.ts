// What the manifest says a run received: span lines for small runs, counts and checks for big ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventKind, Reader } from '../../../src/trace/index.ts';
import type { Outcome } from './execute.ts';
import { byTrace, chainCounts, describeSpans, type Span } from './received.ts';

/** TraceIDRatioBased's rule: bytes [from, from+8) of the trace ID, as a big-endian uint64, shifted right by one, below fraction·2^63. */
export function ratioSamples(traceId: string, fraction: number, from: 0 | 8): boolean {
  if (fraction >= 1) return true;
  if (fraction <= 0) return false;
  const x = BigInt(`0x${traceId.slice(from * 2, from * 2 + 16)}`) >> 1n;
  // uint64(fraction * (1 << 63)), as the SDK computes it in float64 then truncates.
  return x < BigInt(Math.trunc(fraction * 2 ** 63));
}

/** The samplers of default-sampling's variants: [a, b, c] ratios, and whether b and c follow their parent. */
export const CHAINS: Record<string, { ratios: [number, number, number]; parentBased: boolean }> = {
  broken: { ratios: [0.10, 0.05, 0.20], parentBased: false },
  fixed: { ratios: [0.10, 0.05, 0.20], parentBased: true },
};

/** How many received traces hold a set of services other than the sampler rule, read at `from`, predicts. */
export function chainMispredictions(spans: Span[], variant: string, from: 0 | 8): number {
  const chain = CHAINS[variant];
  if (!chain) return 0;
  let wrong = 0;
  for (const [traceId, t] of byTrace(spans)) {
    const a = ratioSamples(traceId, chain.ratios[0], from);
    const expected = chain.parentBased
      ? (a ? ['a', 'b', 'c'] : [])
      : ['a', 'b', 'c'].filter((_, i) => ratioSamples(traceId, chain.ratios[i], from));
    const got = [...new Set(t.map((s) => s.service))].sort();
    if (got.join() !== expected.join()) wrong++;
  }
  return wrong;
}

/** sampler-env prints "started trace ID sampled=BOOL" for each root span it starts. */
export function startedTraces(stdout: string): { traceId: string; sampled: boolean }[] {
  return [...stdout.matchAll(/^started trace ([0-9a-f]{32}) sampled=(true|false)$/gm)].map((m) => ({ traceId: m[1], sampled: m[2] === 'true' }));
}

/** The last "total_dropped" the SDK's logger reported (verbosity 8), or null. */
export function reportedDropped(stderr: string): number | null {
  const all = [...stderr.matchAll(/"total_dropped"=(\d+)/g)];
  return all.length ? Number(all.at(-1)![1]) : null;
}

/** batch-metrics: the last count of spans the batch processor's metrics say it could not queue. */
export function queueFullInMetrics(stdout: string): number | null {
  const all = [...stdout.matchAll(/^ {2}otel\.sdk\.processor\.span\.processed\{[^}]*error\.type=queue_full[^}]*\} (\d+)$/gm)];
  return all.length ? Number(all.at(-1)![1]) : null;
}

/** Task types and logs of the execution trace runtime-task writes. */
export function executionTraceFacts(file: string): { taskTypes: string[]; logs: { category: string; message: string }[] } {
  const taskTypes: string[] = [];
  const logs: { category: string; message: string }[] = [];
  for (const ev of new Reader(readFileSync(file))) {
    if (ev.kind() === EventKind.TaskBegin) taskTypes.push(ev.task().type);
    if (ev.kind() === EventKind.Log) logs.push({ category: ev.log().category, message: ev.log().message });
  }
  return { taskTypes, logs };
}

export function summarise(o: Outcome): Record<string, unknown> {
  const { spans } = o;
  const traces = byTrace(spans).size;
  const uniqueSpans = new Set(spans.map((s) => s.spanId)).size;
  const base: Record<string, unknown> = { spans: spans.length, traces };
  if (uniqueSpans !== spans.length) base.uniqueSpans = uniqueSpans;
  switch (o.spec.scenario) {
    case 'default-sampling':
      return {
        ...base, ...chainCounts(spans, ['a', 'b', 'c']),
        mispredictedReadingBytes8to16: chainMispredictions(spans, o.spec.variant, 8),
        mispredictedReadingBytes0to8: chainMispredictions(spans, o.spec.variant, 0),
      };
    case 'sampler-env': {
      const started = startedTraces(o.stdout);
      if (!started.length) return { ...base, lines: describeSpans(spans) };
      const received = new Set(spans.map((s) => s.traceId));
      return { ...base, started: started.length, sampledAtStart: started.filter((t) => t.sampled).length, receivedAreTheSampled: started.every((t) => t.sampled === received.has(t.traceId)) };
    }
    case 'batch-queue':
      return { ...base, droppedReportedBySDK: reportedDropped(o.stderr) };
    case 'batch-metrics':
      return { ...base, queueFullInMetrics: queueFullInMetrics(o.stdout) };
    case 'httptrace-race': {
      const names: Record<string, number> = {};
      for (const s of spans) names[`${s.service}/${s.name}`] = (names[`${s.service}/${s.name}`] ?? 0) + 1;
      return { ...base, spansByName: Object.fromEntries(Object.entries(names).sort()), raceReports: (o.stderr.match(/WARNING: DATA RACE/g) ?? []).length };
    }
    case 'runtime-task':
      return { ...base, lines: describeSpans(spans), executionTrace: executionTraceFacts(path.join(o.outDir, 'runtime-task.trace')) };
    default:
      return { ...base, lines: describeSpans(spans) };
  }
}

// Every scenario and variant the page runs (public/go/otel-scenarios.wasm, its catalogue in
// otel-build-info.json), run under Node as the page's worker runs it: no Go needed. What its spans
// read like, and its exit status, must be what the native run against a real Collector recorded
// (playground/otel/manifest.json), line for line where the manifest keeps lines; for the export
// scenarios, where a simulated Collector stands in for the real one, the program's own report
// (every attempt, what Shutdown returned, the exporter's error) must read the same too.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../playground/otel/harness/browser-build.ts';
import type { Outcome } from '../../playground/otel/harness/execute.ts';
import { describeSpans } from '../../playground/otel/harness/received.ts';
import { summarise } from '../../playground/otel/harness/summarise.ts';
import { asReceived, committedInfo, runOtelWasm, type WasmRun } from '../../playground/otel/harness/wasm.ts';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../playground/otel/manifest.json'), 'utf8'));
const catalogue: CatalogueEntry[] = JSON.parse(readFileSync(committedInfo, 'utf8')).scenarios;
const dir = mkdtempSync(path.join(tmpdir(), 'otel-inpage-'));

interface Recorded { scenario: string; variant: string; exitCode: number; collector: string; received: Record<string, unknown> & { lines?: string[] }; stdout: string; stderr: string }
const recorded = (scenario: string, variant: string): Recorded | undefined =>
  manifest.runs.find((r: Recorded) => r.scenario === scenario && r.variant === variant);

// Service URLs differ between loopback ports and in-process names; the Collector's address
// between the native placeholder and the simulated one.
const sameURLs = (lines: string[]) => lines.map((l) => l.replace(/http:\/\/[^/"\\]+/g, 'http://<service>'));

/**
 * The program's report, made comparable: the simulated Collector's own lines dropped (the native
 * Collector's log is elsewhere), its address as the manifest writes the real one's, times and
 * dates out. A client timeout reads "context deadline exceeded" or "net/http: request canceled"
 * depending on which of net/http's two timers fires first (setRequestCancel): the same event.
 */
function report(text: string): string[] {
  const lines = text
    .split('\n')
    .filter((l) => l && !l.startsWith('[simulated Collector'))
    .map((l) =>
      l
        .replaceAll('simulated-collector:4318', '<collector-http>')
        .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, '')
        .replace(/\+\d+\.\d\ds/g, '+T')
        .replace(/\b\d+(\.\d+)?(ms|s)\b/g, 'T')
        .replaceAll('context deadline exceeded (Client.Timeout', 'net/http: request canceled (Client.Timeout')
        .replace(/^(attempt \d+ at \+T): context deadline exceeded$/, '$1: net/http: request canceled')
        // How many retries fit in the 30 s export timeout depends on the backoff's jitter.
        .replace(/^attempt \d+ at/, 'attempt at')
        .replace(/after \d+ attempts/, 'after N attempts')
        // Whether the processor's 30 s deadline falls during an attempt or in the backoff between
        // two decides which error it wraps (and whether one more attempt line is printed).
        .replace(/^(ForceFlush returned at \+T after N attempts: traces export: ).*processor export timeout.*$/, '$1(processor export timeout)'),
    );
  return lines.filter((l, i) => !(l.startsWith('attempt at') && (l === lines[i - 1] || l.endsWith(': processor export timeout'))));
}

/** How many times the exporter tried (its report's last "after N attempts"). */
const attempts = (stdout: string) => Number(/after (\d+) attempts/.exec(stdout)?.[1] ?? 0);

function outcome(run: WasmRun, scenario: string, variant: string): Outcome {
  const outDir = mkdtempSync(path.join(dir, `${scenario}-`));
  if (run.trace.length) writeFileSync(path.join(outDir, `${scenario}.trace`), run.trace);
  return {
    spec: { scenario, variant, lesson: '', collector: 'up' }, run: '', command: '', collectorState: '', exitCode: run.exitCode, signal: null,
    stdout: run.stdout, stderr: run.stderr, ms: run.ms, spans: asReceived(run.spans), collectorLog: '', outDir,
  };
}

/** Variants whose counts depend on chance or on the page's own parameters: compared by rule, not by number. */
function compareCounts(scenario: string, variant: string, got: Record<string, unknown>, want: Record<string, unknown>) {
  switch (scenario) {
    case 'batch-queue':
      if (variant.startsWith('overflow')) {
        // The queue (2048) and what the processor took before its export hung (up to a batch, 512).
        expect(got.spans).toBeGreaterThanOrEqual(2048);
        expect(got.spans).toBeLessThanOrEqual(2560);
        expect(got.droppedReportedBySDK).toBe(want.droppedReportedBySDK === null ? null : 10000 - (got.spans as number));
      } else expect(got).toEqual(want);
      return;
    case 'sampler-env':
      expect(got.receivedAreTheSampled).toBe(true);
      expect(got.started).toBe(want.started);
      // A ratio of random trace IDs: the native run's share is one draw.
      if (variant === 'traceidratio=0.25') expect(got.sampledAtStart).toBeLessThan(200 * 0.25 * 2);
      else expect(got.sampledAtStart).toBe(want.sampledAtStart);
      return;
    case 'default-sampling': {
      // The page sends 200 requests where the native run sent 2000: the counts scale, the rules hold.
      const requests = 200;
      expect(got.mispredictedReadingBytes8to16).toBe(0);
      if (variant === 'default') expect(got).toMatchObject({ traces: requests, whole: requests, broken: 0, rootless: 0 });
      if (variant === 'fixed') expect(got).toMatchObject({ broken: 0, rootless: 0 });
      if (variant === 'broken') expect(got.broken).toBeGreaterThan(0);
      if (variant === 'upstream-sampled') expect(got).toMatchObject({ traces: requests, whole: requests, rootless: requests });
      if (variant === 'upstream-not-sampled') expect(got).toMatchObject({ spans: 0, traces: 0 });
      expect(want.mispredictedReadingBytes8to16).toBe(0);
      return;
    }
    default:
      expect(got).toEqual(want);
  }
}

describe('the OpenTelemetry scenarios of the page, run as the page runs them', () => {
  it('the catalogue holds every recorded scenario but the native-only ones, and every variant the manifest records but the native-only ones', () => {
    const inPage = new Set(catalogue.flatMap((e) => e.variants.map((v) => `${e.scenario}/${v.name}`)));
    const nativeOnly = manifest.runs.map((r: Recorded) => `${r.scenario}/${r.variant}`).filter((id: string) => !inPage.has(id));
    // httptrace-race needs -race on several threads; env-https-ca and the mTLS variants name
    // certificate files (a browser has no files); the gRPC variants need otlptracegrpc and
    // batch-metrics the metric SDK, which the browser build leaves out.
    expect(nativeOnly).toEqual([
      'tls-downgrade/env-https-ca', 'tls-downgrade/grpc-no-ca', 'tls-downgrade/grpc-with-ca', 'tls-downgrade/grpc-insecure',
      'tls-downgrade/mtls-no-client-cert', 'tls-downgrade/mtls', 'tls-downgrade/env-mtls', 'tls-downgrade/grpc-mtls',
      'export-retry/grpc-down', 'export-retry/grpc-late', 'export-retry/grpc-stopped', 'batch-metrics/overflow',
      'httptrace-race/per-request', 'httptrace-race/no-subspans', 'httptrace-race/shared', 'httptrace-race/gotconn-header',
    ]);
    for (const id of inPage) expect(recorded(...(id.split('/') as [string, string])), id).toBeDefined();
  });

  for (const entry of catalogue) {
    for (const v of entry.variants) {
      const id = `${entry.scenario}/${v.name}`;
      it(`${id}${v.collector ? ` (simulated Collector: ${v.collector}${v.tls ? ', TLS' : ''})` : ' (in-memory exporter)'}: as the native run`, async () => {
        const want = recorded(entry.scenario, v.name)!;
        const run = await runOtelWasm([`-scenario=${entry.scenario}`, `-variant=${v.name}`]);
        expect(run.exitCode, run.stderr).toBe(want.exitCode);
        const got = summarise(outcome(run, entry.scenario, v.name)) as Record<string, unknown> & { lines?: string[] };
        if (id === 'export-retry/http-stopped') {
          // The hung Collector reads every attempt's request and processes them all once it
          // resumes: each span arrives once per attempt (2 natively; 2 or 3 as the jitter falls).
          const n = attempts(run.stdout);
          expect(n).toBeGreaterThanOrEqual(2);
          expect(new Set(run.spans.map((s) => s.spanId)).size).toBe(5);
          expect(got.lines).toEqual([1, 2, 3, 4, 5].flatMap((t) => Array(n).fill(`trace ${t}: export-retry/retried (root)`)));
          expect(want.received.lines).toEqual([1, 2, 3, 4, 5].flatMap((t) => Array(attempts(want.stdout)).fill(`trace ${t}: export-retry/retried (root)`)));
        } else if (want.received.lines) {
          expect(sameURLs(got.lines ?? describeSpans(asReceived(run.spans))), 'spans').toEqual(sameURLs(want.received.lines));
        } else {
          const { lines: _l, ...counts } = got;
          compareCounts(entry.scenario, v.name, counts, want.received);
        }
        if (entry.scenario === 'runtime-task') {
          // The page's run also logs each span's IDs into the trace (inpage.TaskLink); the rest is the same.
          const facts = got.executionTrace as { taskTypes: string[]; logs: { category: string; message: string }[] };
          expect(facts.taskTypes).toEqual((want.received.executionTrace as { taskTypes: string[] }).taskTypes);
          expect(facts.logs.filter((l) => l.category !== 'otel.span').map((l) => l.category)).toEqual(['trace_id']);
        }
        if (v.collector) {
          expect(report(run.stdout), 'stdout').toEqual(report(want.stdout));
          if (entry.scenario !== 'batch-queue') expect(report(run.stderr), 'stderr').toEqual(report(want.stderr));
          expect(run.stdout).toMatch(/^\[simulated Collector \+\d+\.\d\ds\] received \d+ span\(s\) in \d+ export\(s\) in all$/m);
        }
      }, Math.max(60_000, v.timeLimitMs + 20_000));
    }
  }
});

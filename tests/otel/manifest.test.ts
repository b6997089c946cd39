// playground/otel/manifest.json, checked without Go: it holds one entry per run of
// harness/runs.ts, every scenario and variant the Go sources register is recorded, the versions
// are the packaged ones, and each entry's summary agrees with itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNS } from '../../playground/otel/harness/runs.ts';

const otel = path.resolve(import.meta.dirname, '../../playground/otel');
const manifest = JSON.parse(readFileSync(path.join(otel, 'manifest.json'), 'utf8'));

/** Scenario names and variants as the Go sources register them (scenarios/*.go and cmd/otel-scenario). */
function registered(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of readdirSync(path.join(otel, 'scenarios')).filter((f) => f.endsWith('.go'))) {
    const src = readFileSync(path.join(otel, 'scenarios', f), 'utf8');
    for (const m of src.matchAll(/Register\(Scenario\{Name: "([^"]+)"[^]*?Variants: (\[\]string\{[^}]*\}|variants)/g)) {
      const variants = m[2] === 'variants'
        ? [...src.matchAll(/^\t"([^"]+)":\s+\{/gm)].map((v) => v[1]).concat(src.includes('"which-bytes"') ? ['which-bytes'] : [])
        : [...m[2].matchAll(/"([^"]+)"/g)].map((v) => v[1]);
      out.set(m[1], new Set(variants));
    }
  }
  const native: Record<string, [string, string]> = {
    'export_tls.go': ['tlsVariants', 'tls-downgrade'], 'export_retry.go': ['retryVariants', 'export-retry'], 'export_metrics.go': ['metricsVariants', 'batch-metrics'],
  };
  for (const [f, [name, scenario]] of Object.entries(native)) {
    const src = readFileSync(path.join(otel, 'cmd/otel-scenario', f), 'utf8');
    const m = new RegExp(`var ${name} = \\[\\]string\\{([^}]*)\\}`).exec(src)!;
    out.set(scenario, new Set([...m[1].matchAll(/"([^"]+)"/g)].map((v) => v[1])));
  }
  return out;
}

describe('playground/otel/manifest.json', () => {
  it('records the packaged versions: Go 1.27, OpenTelemetry Go 1.46, Collector 0.152', () => {
    expect(manifest.versions.go).toMatch(/^go1\.27\./);
    expect(manifest.versions.otelSDK).toMatch(/^1\.46\./);
    expect(manifest.versions.debian['golang-opentelemetry-otel-dev']).toMatch(/^1\.46\./);
    expect(manifest.versions.debian['golang-opentelemetry-contrib-dev']).toMatch(/^1\.46\./);
    expect(manifest.versions.collector).toMatch(/^0\.152\./);
  });

  it('has exactly the runs of harness/runs.ts, in order (else npm run otel:record)', () => {
    expect(manifest.runs.map((r: { scenario: string; variant: string }) => `${r.scenario}/${r.variant}`))
      .toEqual(RUNS.map((r) => `${r.scenario}/${r.variant}`));
  });

  it('records every variant of every scenario the Go sources register', () => {
    const reg = registered();
    expect([...reg.keys()].sort()).toEqual([...new Set(RUNS.map((r) => r.scenario))].sort());
    for (const [scenario, variants] of reg) {
      const recorded = new Set(manifest.runs.filter((r: { scenario: string }) => r.scenario === scenario).map((r: { variant: string }) => r.variant));
      expect([...variants].sort(), scenario).toEqual([...recorded].sort());
    }
  });

  it('each entry is whole and agrees with itself', () => {
    for (const r of manifest.runs) {
      const where = `${r.scenario}/${r.variant}`;
      expect(r.command, where).toMatch(new RegExp(`^otel-scenario(-race)? -scenario=${r.scenario} -variant=${r.variant.replace(/[+=.]/g, '\\$&')} `));
      expect(typeof r.collector, where).toBe('string');
      expect(Number.isInteger(r.exitCode), where).toBe(true);
      expect(typeof r.stdout, where).toBe('string');
      expect(typeof r.stderr, where).toBe('string');
      expect(Number.isInteger(r.received.spans) && Number.isInteger(r.received.traces), where).toBe(true);
      expect(r.received.traces, where).toBeLessThanOrEqual(r.received.spans);
      if (r.received.lines) expect(r.received.lines, where).toHaveLength(r.received.spans);
      if (r.received.spansByName) expect(Object.values(r.received.spansByName as Record<string, number>).reduce((a, b) => a + b, 0), where).toBe(r.received.spans);
      if (r.received.whole !== undefined) expect(r.received.whole + r.received.broken, where).toBe(r.received.traces);
      if (r.received.droppedReportedBySDK) expect(r.received.droppedReportedBySDK + r.received.spans, where).toBe(10000);
      if (r.received.queueFullInMetrics) expect(r.received.queueFullInMetrics + r.received.spans, where).toBe(10000);
    }
  });

  it('records what the lessons rely on', () => {
    const run = (s: string, v: string) => manifest.runs.find((r: { scenario: string; variant: string }) => r.scenario === s && r.variant === v);
    expect(run('default-sampling', 'broken').received.mispredictedReadingBytes8to16).toBe(0);
    expect(run('default-sampling', 'broken').received.mispredictedReadingBytes0to8).toBeGreaterThan(0);
    expect(run('end-on-panic', 'os-exit').received.spans).toBe(0);
    expect(run('export-retry', 'http-late').received.spans).toBe(0);
    expect(run('export-retry', 'grpc-late').received.spans).toBe(5);
    expect(run('httptrace-race', 'shared').exitCode).toBe(66);
  });
});

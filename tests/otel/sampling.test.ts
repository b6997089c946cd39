// Lesson 4.1, run: three services over real HTTP with real samplers, and the SDK's reading of
// OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG. Counted from what the Collector received.
import { describe, expect, it } from 'vitest';
import { chainCounts } from '../../playground/otel/harness/received.ts';
import { chainMispredictions, ratioSamples, startedTraces } from '../../playground/otel/harness/summarise.ts';
import { haveOtelToolchain, otelFixture } from './toolchain-gate.ts';

describe('ratioSamples, the rule the tests predict with', () => {
  it('reads one half of the trace ID as TraceIDRatioBased does', () => {
    const firstHalfZero = '0000000000000000ffffffffffffffff';
    expect(ratioSamples(firstHalfZero, 0.5, 8)).toBe(false);
    expect(ratioSamples(firstHalfZero, 0.5, 0)).toBe(true);
    expect(ratioSamples(firstHalfZero, 1, 8)).toBe(true);
    expect(ratioSamples(firstHalfZero, 0, 0)).toBe(false);
  });
});

describe.skipIf(!haveOtelToolchain('OpenTelemetry sampling (4.1)'))('OpenTelemetry sampling (4.1)', () => {
  const otel = otelFixture();
  const chain = ['a', 'b', 'c'];

  it('the default sampler keeps every trace whole', async () => {
    const o = await otel.run('default-sampling', 'default');
    expect(o.stdout).toContain('2000 requests sent through a → b → c, 0 failed');
    expect(chainCounts(o.spans, chain)).toMatchObject({ traces: 2000, whole: 2000, broken: 0, rootless: 0 });
  }, 120_000);

  it('bare TraceIDRatioBased below the root breaks traces; each service decides from TraceID[8:16] alone', async () => {
    const o = await otel.run('default-sampling', 'broken');
    const c = chainCounts(o.spans, chain);
    expect(c.broken).toBeGreaterThan(c.whole);
    expect(c.rootless).toBeGreaterThan(0);
    // Every received trace holds exactly the services whose ratio rule, read on bytes 8-16 of
    // its ID, says "sample"; read on bytes 0-8, the rule is wrong for most of them.
    expect(chainMispredictions(o.spans, 'broken', 8)).toBe(0);
    expect(chainMispredictions(o.spans, 'broken', 0)).toBeGreaterThan(c.traces / 2);
    // The three samplers compare the same number (TraceID[8:16] >> 1) with 0.05, 0.10 and 0.20 of
    // 2^63: under 0.05 every service keeps the trace (whole, 5 %), under 0.10 a and c (broken,
    // 5 %), under 0.20 c alone (broken and rootless, 10 %). Of 2000 requests, with room for chance:
    expect(c.whole).toBeGreaterThan(60);
    expect(c.whole).toBeLessThan(140);
    expect(c.broken).toBeGreaterThan(230);
    expect(c.broken).toBeLessThan(370);
    expect(c.rootless).toBeGreaterThan(140);
    expect(c.rootless).toBeLessThan(260);
  }, 120_000);

  it('ParentBased everywhere keeps or drops each trace whole, at the root\'s ratio', async () => {
    const o = await otel.run('default-sampling', 'fixed');
    const c = chainCounts(o.spans, chain);
    expect(c).toMatchObject({ broken: 0, rootless: 0 });
    expect(chainMispredictions(o.spans, 'fixed', 8)).toBe(0);
    expect(c.whole).toBeGreaterThan(2000 * 0.05);
    expect(c.whole).toBeLessThan(2000 * 0.15);
  }, 120_000);

  it('ParentBased follows the caller\'s flag: -01 keeps everything, -00 drops everything', async () => {
    const sampled = await otel.run('default-sampling', 'upstream-sampled');
    expect(chainCounts(sampled.spans, chain)).toMatchObject({ traces: 2000, whole: 2000 });
    const notSampled = await otel.run('default-sampling', 'upstream-not-sampled');
    expect(notSampled.stdout).toContain('0 failed');
    expect(notSampled.spans).toEqual([]);
  }, 120_000);

  const received = (o: { spans: { traceId: string }[] }) => new Set(o.spans.map((s) => s.traceId)).size;

  it('OTEL_TRACES_SAMPLER is read by NewTracerProvider; WithSampler in code wins; ARG alone is ignored', async () => {
    expect(received(await otel.run('sampler-env', 'unset'))).toBe(200);
    expect(received(await otel.run('sampler-env', 'always_off'))).toBe(0);
    expect(received(await otel.run('sampler-env', 'always_off+WithSampler'))).toBe(200);
    expect(received(await otel.run('sampler-env', 'arg-only=0'))).toBe(200);
  });

  it('traceidratio: no ARG means ratio 1; a bad or out-of-range ARG is reported and means ratio 1; an unknown name keeps the default', async () => {
    const noArg = await otel.run('sampler-env', 'traceidratio');
    expect(received(noArg)).toBe(200);
    expect(noArg.stderr).toBe('');
    const bogus = await otel.run('sampler-env', 'traceidratio=bogus');
    expect(received(bogus)).toBe(200);
    expect(bogus.stderr).toMatch(/parsing sampler argument: strconv\.ParseFloat: parsing "bogus": invalid syntax/);
    const over = await otel.run('sampler-env', 'traceidratio=1.5');
    expect(received(over)).toBe(200);
    expect(over.stderr).toContain('invalid trace ID ratio: greater than 1.0');
    const unknown = await otel.run('sampler-env', 'unknown-name');
    expect(received(unknown)).toBe(200);
    expect(unknown.stderr).toContain('unsupported sampler: traceid_ratio');
  });

  it('traceidratio=0.25 keeps exactly the traces whose ID bytes 8-16 fall under the bound', async () => {
    const o = await otel.run('sampler-env', 'traceidratio=0.25');
    const started = startedTraces(o.stdout);
    expect(started).toHaveLength(200);
    const got = new Set(o.spans.map((s) => s.traceId));
    for (const t of started) {
      expect(got.has(t.traceId), t.traceId).toBe(ratioSamples(t.traceId, 0.25, 8));
    }
    expect(started.filter((t) => got.has(t.traceId) !== ratioSamples(t.traceId, 0.25, 0)).length).toBeGreaterThan(0);
  });

  it('which-bytes: under TraceIDRatioBased(0.5) the ID whose last 8 bytes are zero is kept, not the one whose first 8 are', async () => {
    const o = await otel.run('sampler-env', 'which-bytes');
    expect(o.spans.map((s) => s.name)).toEqual(['last 8 bytes zero']);
    expect(o.spans[0].traceId).toBe('ffffffffffffffff0000000000000000');
  });
});

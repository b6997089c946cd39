// Shared by the OpenTelemetry test files: whether Go 1.27 and the packages are here (else the
// suite skips with a message, and fails under CI, which must run it), the programs built once,
// and a Collector per file.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Collector } from '../../playground/otel/harness/collector.ts';
import { execute, specId, type Outcome, type RunSpec } from '../../playground/otel/harness/execute.ts';
import { RUNS } from '../../playground/otel/harness/runs.ts';
import { buildPrograms, missingToolchain, type Programs } from '../../playground/otel/harness/toolchain.ts';

export function haveOtelToolchain(suite: string): boolean {
  const missing = missingToolchain();
  if (!missing.length) return true;
  const msg = `[otel] ${suite}: missing ${missing.join('; ')} (scripts/setup-system.sh unpacks them)`;
  if (process.env.CI) {
    describe(suite, () => it('needs Go 1.27 and the OpenTelemetry packages in CI', () => { throw new Error(msg); }));
  } else {
    console.warn(`${msg}: skipped`);
  }
  return false;
}

/** The run of runs.ts with this scenario and variant (tests run exactly what the manifest records). */
export function spec(scenario: string, variant: string): RunSpec {
  const s = RUNS.find((r) => r.scenario === scenario && r.variant === variant);
  if (!s) throw new Error(`no run ${scenario}/${variant} in playground/otel/harness/runs.ts`);
  return s;
}

/** Builds the programs and starts a Collector before a file's tests; runs a spec and logs its time. */
export function otelFixture() {
  let programs: Programs;
  let collector: Collector;
  beforeAll(async () => {
    const t = Date.now();
    programs = buildPrograms();
    console.log(`[otel] programs ready in ${Date.now() - t} ms (build ms: ${JSON.stringify(programs.timings)})`);
    collector = await Collector.start(programs.collector);
  }, 900_000);
  afterAll(async () => { await collector?.stop(); });
  return {
    async run(scenario: string, variant: string): Promise<Outcome> {
      const o = await execute(programs, spec(scenario, variant), collector);
      console.log(`[otel] ${specId(o.spec)}: exit ${o.exitCode ?? o.signal}, ${o.spans.length} spans received, ${o.ms} ms`);
      return o;
    },
  };
}

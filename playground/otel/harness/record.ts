// npm run otel:record: builds the Collector and otel-scenario, runs every run of runs.ts, and
// writes ../manifest.json: per run the command, the Collector's state, the exit status, the
// program's output and what the Collector received; and the versions of Go, the SDK, contrib and
// the Collector.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Collector } from './collector.ts';
import { execute, specId } from './execute.ts';
import { RUNS } from './runs.ts';
import { summarise } from './summarise.ts';
import { buildPrograms, missingToolchain, otelRoot, versions } from './toolchain.ts';

const missing = missingToolchain();
if (missing.length) {
  console.error(`otel:record: missing ${missing.join('; ')}. Run scripts/setup-system.sh.`);
  process.exit(1);
}
const only = process.argv.slice(2);
const t0 = Date.now();
const programs = buildPrograms();
console.log(`built in ${Date.now() - t0} ms`, programs.timings);
const shared = await Collector.start(programs.collector);
const runs = [];
try {
  for (const spec of RUNS) {
    if (only.length && !only.some((o) => specId(spec).startsWith(o))) continue;
    const o = await execute(programs, spec, shared);
    const received = summarise(o);
    console.log(`${specId(spec).padEnd(42)} exit ${o.exitCode ?? o.signal} ${String(o.ms).padStart(6)} ms  ${JSON.stringify({ spans: received.spans, traces: received.traces })}`);
    runs.push({
      scenario: spec.scenario, variant: spec.variant, lesson: spec.lesson,
      command: o.command, collector: o.collectorState, exitCode: o.exitCode,
      ...(spec.attemptsUntilRace ? { runsUntilRaceReported: o.attempts } : {}),
      received, stdout: o.stdout, stderr: o.stderr,
    });
  }
} finally {
  await shared.stop();
}
if (!only.length) {
  const manifest = { generatedBy: 'npm run otel:record (playground/otel/harness/record.ts)', versions: versions(), runs };
  writeFileSync(path.join(otelRoot, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote manifest.json: ${runs.length} runs in ${Math.round((Date.now() - t0) / 1000)} s`);
}

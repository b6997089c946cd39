// npm run otel:record: builds the Collector and otel-scenario, runs every run of runs.ts, and
// writes ../manifest.json: per run the command, the Collector's state, the exit status, the
// program's output and what the Collector received; and the versions of Go, the SDK, contrib and
// the Collector.
//
//   npm run otel:record                          every run; rewrites manifest.json
//   npm run otel:record -- export-retry/grpc     the runs whose id starts so; prints, writes nothing
//   npm run otel:record -- --merge tls-downgrade those runs, written over their entries in
//                                                manifest.json (added where new, in runs.ts order);
//                                                every other entry is kept as recorded
import { readFileSync, writeFileSync } from 'node:fs';
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
const merge = process.argv.includes('--merge');
const only = process.argv.slice(2).filter((a) => a !== '--merge');
if (merge && !only.length) {
  console.error('otel:record: --merge needs the runs to record (ids or prefixes, e.g. tls-downgrade)');
  process.exit(1);
}
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
const file = path.join(otelRoot, 'manifest.json');
if (!only.length) {
  const manifest = { generatedBy: 'npm run otel:record (playground/otel/harness/record.ts)', versions: versions(), runs };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote manifest.json: ${runs.length} runs in ${Math.round((Date.now() - t0) / 1000)} s`);
} else if (merge) {
  // Only runs recorded with the same Go, SDK and Collector may sit side by side.
  const old = JSON.parse(readFileSync(file, 'utf8'));
  if (JSON.stringify(old.versions) !== JSON.stringify(versions())) {
    console.error(`otel:record --merge: manifest.json was recorded with other versions (${JSON.stringify(old.versions)}); record everything instead`);
    process.exit(1);
  }
  const id = (r: { scenario: string; variant: string }) => `${r.scenario}/${r.variant}`;
  const fresh = new Map(runs.map((r) => [id(r), r]));
  const kept = new Map((old.runs as typeof runs).map((r) => [id(r), r]));
  const merged = RUNS.map((spec) => fresh.get(specId(spec)) ?? kept.get(specId(spec))).filter((r) => r !== undefined);
  writeFileSync(file, `${JSON.stringify({ ...old, runs: merged }, null, 2)}\n`);
  console.log(`merged ${fresh.size} runs into manifest.json (${merged.length} runs)`);
}

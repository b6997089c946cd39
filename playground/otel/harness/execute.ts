// Runs one scenario of otel-scenario against a Collector in the state the run asks for (up,
// absent, started late, paused, serving TLS) and gathers what the program printed and what the
// Collector received.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Collector, freePort } from './collector.ts';
import type { Span } from './received.ts';
import type { Programs } from './toolchain.ts';

/** What the Collector does while the program runs. */
export type CollectorState =
  | 'up' // running and answering
  | 'none' // nothing listens on the endpoint
  | 'late' // started once the program prints its first attempt
  | 'paused-2s' // paused (SIGSTOP) from before the program starts until 2 s after it prints "ending"
  | 'paused'; // paused from before the program starts until it has exited

export interface RunSpec {
  scenario: string;
  variant: string;
  lesson: string;
  collector: CollectorState;
  params?: Record<string, string>;
  /** Build with -race (CGO_ENABLED=1). */
  race?: boolean;
  /**
   * A data race shows only when the accesses happen to interleave: run up to this many times,
   * until the race detector reports (1 when omitted).
   */
  attemptsUntilRace?: number;
  /** Serve OTLP/HTTP and OTLP/gRPC over TLS with a certificate from a CA of the run's own; pass -ca to the program. */
  tls?: boolean;
  /** With tls: also ask clients for a certificate signed by that CA (mTLS). */
  mtls?: boolean;
  timeoutMs?: number;
}

export const specId = (s: RunSpec): string => `${s.scenario}/${s.variant}`;

export interface Outcome {
  spec: RunSpec;
  run: string;
  /** The command with the run's ports and paths as placeholders. */
  command: string;
  collectorState: string;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  spans: Span[];
  /** The Collector's own log (its stderr), for TLS handshake errors. */
  collectorLog: string;
  /** Where the program wrote files (-out). */
  outDir: string;
  /** How many times it ran (attemptsUntilRace). */
  attempts?: number;
}

const STATES: Record<CollectorState, string> = {
  up: 'running',
  none: 'not running: nothing listens on the endpoint',
  late: 'started when the program printed its first attempt',
  'paused-2s': 'paused with SIGSTOP before the program started, resumed 2 s after it printed "ending"',
  paused: 'paused with SIGSTOP before the program started, resumed after it exited',
};

let runs = 0;

/** Runs one spec. `shared` is a running Collector to use for the 'up' state without TLS. */
export async function execute(programs: Programs, spec: RunSpec, shared?: Collector): Promise<Outcome> {
  let o: Outcome;
  let attempt = 0;
  do o = await executeOnce(programs, spec, shared);
  while (++attempt < (spec.attemptsUntilRace ?? 1) && !o.stderr.includes('WARNING: DATA RACE'));
  return { ...o, attempts: attempt };
}

async function executeOnce(programs: Programs, spec: RunSpec, shared?: Collector): Promise<Outcome> {
  const run = `${specId(spec)}#${process.pid}.${++runs}`;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'otel-run-'));
  const bin = spec.race ? programs.scenarioRace : programs.scenario;

  let certs = '';
  if (spec.tls) {
    certs = path.join(outDir, 'certs');
    await runProgram(programs.scenario, [`-gen-certs=${certs}`], 30_000);
  }
  let collector: Collector;
  if (spec.collector === 'up' && shared && !spec.tls) collector = shared;
  else if (spec.collector === 'none') collector = await Collector.prepare(programs.collector, { httpPort: await freePort(), grpcPort: await freePort() });
  else {
    collector = await Collector.prepare(programs.collector, {
      ...(spec.tls ? { tls: { cert: path.join(certs, 'server.pem'), key: path.join(certs, 'server-key.pem'), ...(spec.mtls ? { clientCA: path.join(certs, 'ca.pem') } : {}) } } : {}),
      // The program is told the ports before a late Collector starts: they cannot change then.
      ...(spec.collector === 'late' ? { httpPort: await freePort(), grpcPort: await freePort() } : {}),
    });
    if (spec.collector !== 'late') await collector.run();
  }
  const owned = collector !== shared;
  if (spec.collector === 'paused' || spec.collector === 'paused-2s') collector.pause();

  const args = [`-scenario=${spec.scenario}`, `-variant=${spec.variant}`, `-endpoint=${collector.httpEndpoint}`, `-grpc-endpoint=${collector.grpcEndpoint}`, `-run=${run}`, `-out=${outDir}`];
  if (spec.tls) args.push(`-ca=${path.join(certs, 'ca.pem')}`);
  for (const [k, v] of Object.entries(spec.params ?? {})) args.push('-p', `${k}=${v}`);

  const pending: Promise<void>[] = [];
  const started = Date.now();
  let result: ProgramResult;
  try {
    result = await runProgram(bin, args, spec.timeoutMs ?? 60_000, (stdout) => {
      if (spec.collector === 'late' && /^attempt 1 /m.test(stdout) && pending.length === 0) pending.push(collector.run());
      if (spec.collector === 'paused-2s' && /^ending /m.test(stdout) && pending.length === 0) {
        pending.push(new Promise((resolve) => setTimeout(() => { collector.resume(); resolve(); }, 2000)));
      }
    });
    await Promise.all(pending);
    if (spec.collector === 'paused') collector.resume();
  } catch (e) {
    if (owned) await collector.stop();
    throw e;
  }
  const ms = Date.now() - started;
  // A Collector that was paused or started late may still be writing what it accepted.
  const spans = spec.collector === 'up' ? collector.spans(run) : await collector.settled(run, 1000);
  if (owned) await collector.stop();

  const placeholders: [string, string][] = [
    [collector.httpEndpoint, '<collector-http>'], [collector.grpcEndpoint, '<collector-grpc>'], [run, '<run>'], [outDir, '<out>'],
  ];
  const anonymise = (s: string) => placeholders.reduce((acc, [from, to]) => acc.split(from).join(to), s);
  return {
    spec, run, outDir, ms, spans,
    // The binary's name without its source stamp (otel-scenario-<16 hex>).
    command: anonymise([path.basename(bin).replace(/-[0-9a-f]{16}$/, ''), ...args.map((a) => (/[\s#"']/.test(a) && !a.includes(run) ? JSON.stringify(a) : a))].join(' ')),
    collectorState: (spec.tls ? `serving OTLP/HTTP and OTLP/gRPC over TLS (a certificate from the run's own CA${spec.mtls ? '; clients must present a certificate from that CA' : ''}), ` : '') + STATES[spec.collector],
    exitCode: result.status, signal: result.signal,
    stdout: anonymise(result.stdout), stderr: anonymise(result.stderr),
    collectorLog: collector.stderr,
  };
}

interface ProgramResult { status: number | null; signal: string | null; stdout: string; stderr: string }

/** Runs a program, calling onStdout with all its output so far each time more arrives. */
export function runProgram(bin: string, args: string[], timeoutMs: number, onStdout?: (stdout: string) => void): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GORACE: 'halt_on_error=0' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`${path.basename(bin)} ${args.join(' ')}: no exit after ${timeoutMs} ms\n${stdout}\n${stderr}`)); }, timeoutMs);
    proc.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; onStdout?.(stdout); });
    proc.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    proc.once('error', (e) => { clearTimeout(timer); reject(e); });
    proc.once('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stdout, stderr }); });
  });
}

export const readOut = (o: Outcome, file: string): Buffer => readFileSync(path.join(o.outDir, file));

// gotrace: a command-line front end to the reader (the only Node-specific part).
//
//   gotrace dump [--format=go1.23] FILE   Event.String() per event, then EOF or ERROR: ...
//                                         (Go 1.27.3's reading and text; --format=go1.23: Go 1.23.5's)
//   gotrace stats FILE                    a human summary of the trace, with the Go releases that wrote it
//   gotrace bench FILE [RUNS]             parse RUNS times (default 5); prints the best run
//
// Exit status: 0 on success, 1 if the trace is broken (after printing ERROR:), 2 on usage
// or I/O errors.

import { readFileSync } from 'node:fs';
import {
  Reader, TraceError, EventKind, eventKindString, ResourceKind, goTextBytes, isOldFormat, writtenBy, type Event, type ReadAs,
} from '../index.ts';

const out = process.stdout;
out.on('error', (e: NodeJS.ErrnoException) => {
  // The reader of our output went away (e.g. `| head`): stop quietly.
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Text from the trace is written as the bytes Go writes: trace strings that are not valid
// UTF-8 hold their bad bytes escaped (format.ts), which goTextBytes turns back into the
// raw bytes. Valid text is written as is.
async function write(s: string): Promise<void> {
  const data = s.isWellFormed() ? s : goTextBytes(s);
  if (!out.write(data)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

function readInput(file: string | undefined): Uint8Array {
  if (file === undefined) usage();
  try {
    const b = readFileSync(file);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    process.stderr.write(`gotrace: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

function usage(): never {
  process.stderr.write('usage: gotrace dump [--format=go1.27|go1.23] FILE | stats FILE | bench FILE [RUNS]\n');
  process.exit(2);
}

async function dump(bytes: Uint8Array, readAs: ReadAs): Promise<number> {
  let buf = '';
  try {
    const r = new Reader(bytes, { readAs });
    for (let ev = r.next(); ev !== null; ev = r.next()) {
      buf += ev.toString() + '\n';
      if (buf.length >= 1 << 20) {
        await write(buf);
        buf = '';
      }
    }
    await write(buf + 'EOF\n');
    // Go prints a clean EOF here too; say on stderr that bytes were left unread.
    if (r.endedEarly !== null) process.stderr.write(`gotrace: the trace ends early: ${r.endedEarly.detail}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    await write(buf + `ERROR: ${e.message}\n`);
    return 1;
  }
}

function fmtNs(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(3)} µs`;
  return `${ns} ns`;
}

async function stats(bytes: Uint8Array): Promise<number> {
  const byKind = new Map<number, number>();
  const goroutines = new Set<number>();
  const procs = new Set<number>();
  const threads = new Set<number>();
  const stwStart = new Map<number, number>();
  let first = NaN;
  let last = NaN;
  let events = 0;
  let gcs = 0;
  let stwTotal = 0;
  let stwCount = 0;
  let error: string | null = null;
  let r: Reader | null = null;
  try {
    r = new Reader(bytes);
    const old = isOldFormat(r.version);
    for (let ev: Event | null = r.next(); ev !== null; ev = r.next()) {
      events++;
      const t = ev.time();
      if (Number.isNaN(first)) first = t;
      last = t;
      const k = ev.kind();
      byKind.set(k, (byKind.get(k) ?? 0) + 1);
      if (ev.thread() !== -1) threads.add(ev.thread());
      // Old formats put GC, timer, netpoll and syscall events on pseudo-Ps 1000000 and up.
      if (ev.proc() !== -1 && !(old && ev.proc() >= 1000000)) procs.add(ev.proc());
      if (ev.goroutine() !== -1) goroutines.add(ev.goroutine());
      if (k === EventKind.StateTransition) {
        const st = ev.stateTransition();
        if (st.resource.kind === ResourceKind.Goroutine) goroutines.add(st.resource.id);
        else if (st.resource.kind === ResourceKind.Proc) procs.add(st.resource.id);
      } else if (k === EventKind.RangeBegin || k === EventKind.RangeEnd) {
        const rg = ev.range();
        if (k === EventKind.RangeBegin && rg.name === 'GC concurrent mark phase') gcs++;
        if (rg.name.startsWith('stop-the-world')) {
          const g = ev.goroutine();
          if (k === EventKind.RangeBegin) stwStart.set(g, t);
          else if (stwStart.has(g)) {
            stwTotal += t - stwStart.get(g)!;
            stwCount++;
            stwStart.delete(g);
          }
        }
      }
    }
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    error = e.message;
  }
  const lines: string[] = [];
  const v = r?.version;
  const by = v === undefined ? '' : ` (written by ${writtenBy(v)}${isOldFormat(v) ? '; old format, read as one generation' : ''})`;
  lines.push(`version:     go 1.${v ?? '?'}${by}`);
  lines.push(`bytes:       ${bytes.length}`);
  lines.push(`events:      ${events}`);
  lines.push(`duration:    ${events > 0 ? fmtNs(last - first) : '-'}`);
  lines.push(`generations: ${r?.generations ?? 0}`);
  lines.push(`goroutines:  ${goroutines.size}`);
  lines.push(`procs:       ${procs.size}`);
  lines.push(`threads:     ${threads.size}`);
  lines.push(`GC cycles:   ${gcs}`);
  lines.push(`STW:         ${stwCount} pauses, ${fmtNs(stwTotal)} total`);
  lines.push('events by kind:');
  for (const [k, n] of [...byKind].sort((a, b) => b[1] - a[1])) lines.push(`  ${eventKindString(k).padEnd(16)} ${n}`);
  if (error !== null) lines.push(`ERROR: ${error}`);
  await write(lines.join('\n') + '\n');
  return error === null ? 0 : 1;
}

async function bench(bytes: Uint8Array, runs: number): Promise<number> {
  let best = Infinity;
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    let n = 0;
    try {
      const r = new Reader(bytes);
      while (r.next() !== null) n++;
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      process.stderr.write(`gotrace: ${e.message}\n`);
      return 1;
    }
    const ms = performance.now() - start;
    if (ms < best) best = ms;
    events = n;
  }
  const mbps = bytes.length / 1e6 / (best / 1e3);
  await write(`bytes=${bytes.length} events=${events} best_ms=${best.toFixed(2)} MB/s=${mbps.toFixed(1)}\n`);
  return 0;
}

// --format=go1.27 (the default) or go1.23: which Go release's reader to reproduce.
function takeFormat(args: string[]): ReadAs {
  let readAs: ReadAs = 'go1.27';
  for (let i = 0; i < args.length; i++) {
    const m = /^--format=(.*)$/.exec(args[i]);
    if (m === null) continue;
    if (m[1] !== 'go1.27' && m[1] !== 'go1.23') {
      process.stderr.write(`gotrace: unknown format ${JSON.stringify(m[1])}: go1.27 (Go 1.27.3's reader, the default) or go1.23 (Go 1.23.5's)\n`);
      process.exit(2);
    }
    readAs = m[1];
    args.splice(i--, 1);
  }
  return readAs;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const readAs = takeFormat(args);
  const [cmd, file, runs] = args;
  let code: number;
  switch (cmd) {
    case 'dump':
      code = await dump(readInput(file), readAs);
      break;
    case 'stats':
      code = await stats(readInput(file));
      break;
    case 'bench': {
      const n = runs === undefined ? 5 : Number(runs);
      if (!Number.isInteger(n) || n < 1) usage();
      code = await bench(readInput(file), n);
      break;
    }
    default:
      usage();
  }
  process.exitCode = code;
}

await main();

#!/usr/bin/env node
// Runs a scenario's WebAssembly binary under Node the way the page does, to check the wasm build:
//   npx node playground/scripts/run-wasm-node.mjs NAME VARIANT [-param=value ...] [--out FILE]
//       [--snapshot-after MS]
// The binary is the one the page's box runs: public/go/build-info.json's catalogue says which
// (scenarios.wasm for the lessons, casestudy.wasm for chapter 6's slow-request).
// Defines globalThis.goTraceWrite (collects the trace bytes) and globalThis.goTraceDone, runs
// go.argv = ['scenario', NAME, '-variant=VARIANT', ...params], then writes the trace to FILE
// (default /tmp/wasm-NAME-VARIANT.trace) and prints a JSON summary on stderr: exit code, how it
// ended (done callback or exit), trace size, header and whether stderr carried trace bytes.
// With --snapshot-after, it asks a scenario that offers snapshots for one (globalThis.goSnapshot,
// as the page's Snapshot button does) MS milliseconds after the offer, and writes it to
// FILE.snapshot; the summary then holds the offer and the snapshot's size or error.
// Stdout/stderr of the program are passed through (the page captures fs.writeSync the same way).
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { binaryFor } from '../../src/components/go-scenario/catalogue.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
let out;
const oi = args.indexOf('--out');
if (oi >= 0) { out = args[oi + 1]; args.splice(oi, 2); }
let snapshotAfter = null;
const si = args.indexOf('--snapshot-after');
if (si >= 0) { snapshotAfter = Number(args[si + 1]); args.splice(si, 2); }
const [name, variant, ...params] = args;
if (!name) {
  console.error('usage: run-wasm-node.mjs NAME [VARIANT] [-param=value ...] [--out FILE]');
  process.exit(2);
}
out ??= `/tmp/wasm-${name}-${variant ?? 'default'}.trace`;

// wasm_exec.js expects these globals (see Go's misc/wasm/wasm_exec_node.js).
globalThis.require = createRequire(import.meta.url);
globalThis.performance ??= performance;
globalThis.crypto ??= crypto.webcrypto;

// Like the page: capture fs.writeSync on fd 1 and 2 (wasm_exec's default fs stub does not exist
// in Node, where wasm_exec uses the real fs module; we wrap it to count stderr bytes).
const fs = globalThis.require('fs');
const stderrChunks = [];
globalThis.fs = {
  ...fs,
  writeSync(fd, buf, ...rest) {
    if (fd === 2) stderrChunks.push(Buffer.from(buf));
    return writeSync(fd, buf, ...rest);
  },
  write(fd, buf, offset, length, position, callback) {
    if (fd === 1 || fd === 2) {
      const n = globalThis.fs.writeSync(fd, buf.subarray(offset, offset + length));
      callback(null, n);
      return;
    }
    fs.write(fd, buf, offset, length, position, callback);
  },
};

const chunks = [];
let done = null;
globalThis.goTraceWrite = (chunk) => { chunks.push(Buffer.from(chunk)); };
globalThis.goTraceDone = (code) => { done = code; };
let offer;
let snapshot = null;
globalThis.goSnapshotOffer = (o) => {
  offer ??= o; // the first offer, as the page shows it
  if (o && snapshotAfter !== null) {
    setTimeout(() => {
      const t = performance.now();
      if (typeof globalThis.goSnapshot !== 'function') { snapshot = { error: 'the offer was withdrawn' }; return; }
      globalThis.goSnapshotDone = (bytes, error) => {
        snapshot = error ? { error } : { bytes: bytes.length, ms: Math.round(performance.now() - t), file: out + '.snapshot' };
        if (bytes) writeFileSync(out + '.snapshot', bytes);
      };
      globalThis.goSnapshot();
    }, snapshotAfter);
  }
};

await import(path.join(root, 'public/go/wasm_exec.js'));
const go = new globalThis.Go();
go.argv = ['scenario', name, ...(variant ? [`-variant=${variant}`] : []), ...params];
go.env = { TMPDIR: '/tmp', ...(process.env.GODEBUG ? { GODEBUG: process.env.GODEBUG } : {}) };
let exitCode = null;
go.exit = (code) => { exitCode = code; };
const binary = binaryFor(JSON.parse(readFileSync(path.join(root, 'public/go/build-info.json'), 'utf8')), name, variant ? [variant] : []);
const { instance } = await WebAssembly.instantiate(readFileSync(path.join(root, 'public', binary.path)), go.importObject);
const t0 = performance.now();
await go.run(instance);
// The Go runtime may leave timeouts scheduled (timers of its own goroutines); once the program has
// exited they would call go._resume() and throw "Go program has already exited". Clear them
// (the page must do the same).
for (const t of go._scheduledTimeouts.values()) clearTimeout(t);
go._scheduledTimeouts.clear();
// As the page says (go-scenario.worker.ts): a snapshot still being written when the program ended never arrives.
if (snapshotAfter !== null && offer && snapshot === null) snapshot = { error: 'the program ended before the snapshot was written' };
const trace = Buffer.concat(chunks);
writeFileSync(out, trace);
const stderr = Buffer.concat(stderrChunks);
const header = trace.subarray(0, 16).toString('latin1').replace(/\0+$/, '');
const summary = {
  scenario: name, variant: variant ?? null, binary: binary.path, exitCode, doneCallback: done, ms: Math.round(performance.now() - t0),
  traceBytes: trace.length, writes: chunks.length, header, out,
  stderrBytes: stderr.length, stderrHasTraceHeader: /go 1\.\d+ trace\0/.test(stderr.toString('latin1')),
  ...(offer !== undefined ? { snapshotOffer: offer, snapshot } : {}),
};
if (summary.stderrHasTraceHeader) {
  writeFileSync(out + '.stderr', stderr);
  summary.stderrFile = out + '.stderr';
}
console.error(JSON.stringify(summary));
process.exitCode = exitCode ?? 0;

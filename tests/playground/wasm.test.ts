/**
 * Every scenario and variant runs in the WebAssembly build (public/go/scenarios.wasm, or casestudy.wasm
 * for chapter 6's slow-request: the binary the page picks), under Node the way the page runs it
 * (playground/scripts/run-wasm-node.mjs), with no Go toolchain needed: the exit status matches the
 * native Go 1.27 run, and the trace it hands to the page reads with our reader as the native
 * recording reads with Go 1.27 — or, for the broken variants that exist to break it, fails to read. The flight recorder also answers a snapshot request, as the page's Snapshot button makes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventKind, Reader, TraceError } from '../../src/trace/index.ts';

interface Entry {
  file: string; scenario: string; variant: string; params: Record<string, unknown>; exitCode: number; parses: boolean; go: string;
  facts?: { events: number };
}
const manifest: Entry[] = JSON.parse(readFileSync('playground/traces/manifest.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'wasm-scenarios-'));

// One run per Go 1.27 recording, with its parameters; the network is a pipe in wasm, and the broken
// corrupted-output variant traces to stderr.
const runs = manifest.filter((e) => e.go.startsWith('1.27.'));

function runWasm(e: Pick<Entry, 'scenario' | 'variant' | 'params'>, extra: string[] = []) {
  const params = Object.entries(e.params)
    .filter(([k]) => k !== 'network')
    .map(([k, v]) => `-${k}=${String(v)}`);
  const out = join(dir, `${e.scenario}-${e.variant}-${Math.random().toString(36).slice(2)}.trace`);
  const run = spawnSync(process.execPath, ['playground/scripts/run-wasm-node.mjs', e.scenario, e.variant, ...params, '--out', out, ...extra], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  // The script's last stderr line is its JSON summary (exit code, trace size, header...).
  // (It may follow binary trace bytes on the same line, when the program traces to stderr.)
  const at = run.stderr.lastIndexOf('{"scenario":');
  const summary = at < 0 ? null : JSON.parse(run.stderr.slice(at).split('\n')[0]);
  expect(summary, `no summary from run-wasm-node.mjs:\n${run.stderr.slice(-2000)}`).not.toBeNull();
  return { out, stdout: run.stdout, stderr: run.stderr, summary };
}

function readAll(bytes: Uint8Array) {
  let n = 0;
  for (const ev of new Reader(bytes)) if (ev.kind() !== EventKind.Sync) n++;
  return n;
}

describe('scenarios in WebAssembly', () => {
  for (const e of runs) {
    it(`${e.scenario} ${e.variant} ${JSON.stringify(e.params)}`, () => {
      const { out, stderr, summary } = runWasm(e);
      expect(summary.exitCode, stderr).toBe(e.exitCode);
      const traceToStderr = e.scenario === 'corrupted-output' && e.variant === 'broken';
      if (traceToStderr) {
        expect(summary.stderrHasTraceHeader).toBe(true);
        return;
      }
      const bytes = new Uint8Array(readFileSync(out));
      expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('go 1.26 trace\0\0\0');
      if (!e.parses) expect(() => readAll(bytes)).toThrow(TraceError);
      else if (e.facts?.events === 0) expect(readAll(bytes)).toBe(0);
      else expect(readAll(bytes)).toBeGreaterThan(10);
    });
  }

  it('flight-recorder: offers snapshots while it serves, and a snapshot holds the slow requests', () => {
    // The wasm defaults: serve for -duration, snapshots offered all along. The first refresh comes
    // after 2 s, so a snapshot at 3.5 s holds its slow requests (the recorder keeps 2 s).
    const { summary, stdout } = runWasm({ scenario: 'flight-recorder', variant: 'default', params: { duration: '5s' } }, ['--snapshot-after', '3500']);
    expect(summary.exitCode).toBe(0);
    expect(stdout).toMatch(/^slow request \d+: /m);
    expect(summary.snapshotOffer).toEqual({ region: 'handleRequest', thresholdNs: 100e6 });
    expect(summary.snapshot?.error).toBeUndefined();
    const snapshot = new Uint8Array(readFileSync(summary.snapshot.file));
    expect(snapshot.length).toBe(summary.snapshot.bytes);
    let longest = 0;
    const begun = new Map<string, number>();
    for (const ev of new Reader(snapshot)) {
      if (ev.kind() !== EventKind.RegionBegin && ev.kind() !== EventKind.RegionEnd) continue;
      const r = ev.region();
      if (r.type !== 'handleRequest') continue;
      const key = `${ev.goroutine()}/${r.task}`;
      if (ev.kind() === EventKind.RegionBegin) begun.set(key, ev.time());
      else if (begun.has(key)) longest = Math.max(longest, ev.time() - begun.get(key)!);
    }
    expect(longest).toBeGreaterThan(100e6);
  });
});

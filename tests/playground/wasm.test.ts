/**
 * Every scenario and variant runs in the WebAssembly build (public/go/scenarios.wasm), under Node the
 * way the page runs it (playground/scripts/run-wasm-node.mjs), with no Go toolchain needed: the exit
 * status matches the native run, and the trace it hands to the page is a go 1.23 trace that our reader
 * reads — or, for the broken variants that exist to break it, fails to read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reader, TraceError } from '../../src/trace/index.ts';

interface Entry { scenario: string; variant: string; params: Record<string, unknown>; exitCode: number; parses: boolean; go: string }
const manifest: Entry[] = JSON.parse(readFileSync('playground/traces/manifest.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'wasm-scenarios-'));

// One run per scenario and variant, with the recorded run's exit-related parameters; the network is
// a pipe in wasm, and the broken corrupted-output variant traces to stderr.
const runs = new Map<string, Entry>();
for (const e of manifest) {
  if (!e.go.startsWith('1.23')) continue;
  const key = `${e.scenario}/${e.variant}/${String(e.params.via ?? '')}/${String(e.params.panicIn ?? '')}/${String(e.params.work ?? '')}`;
  if (!runs.has(key)) runs.set(key, e);
}

function runWasm(e: Entry) {
  const params = Object.entries(e.params)
    .filter(([k]) => k !== 'network')
    .map(([k, v]) => `-${k}=${String(v)}`);
  const out = join(dir, `${e.scenario}-${e.variant}-${runs.size}.trace`);
  const run = spawnSync(process.execPath, ['playground/scripts/run-wasm-node.mjs', e.scenario, e.variant, ...params, '--out', out], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  // The script's last stderr line is its JSON summary (exit code, trace size, header...).
  // (It may follow binary trace bytes on the same line, when the program traces to stderr.)
  const at = run.stderr.lastIndexOf('{"scenario":');
  const summary = at < 0 ? null : JSON.parse(run.stderr.slice(at).split('\n')[0]);
  expect(summary, `no summary from run-wasm-node.mjs:\n${run.stderr.slice(-2000)}`).not.toBeNull();
  return { out, stderr: run.stderr, summary };
}

describe('scenarios in WebAssembly', () => {
  for (const e of runs.values()) {
    it(`${e.scenario} ${e.variant} ${JSON.stringify(e.params)}`, () => {
      const { out, stderr, summary } = runWasm(e);
      expect(summary.exitCode, stderr).toBe(e.exitCode);
      const traceToStderr = e.scenario === 'corrupted-output' && e.variant === 'broken';
      if (traceToStderr) {
        expect(summary.stderrHasTraceHeader).toBe(true);
        return;
      }
      const bytes = readFileSync(out);
      expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('go 1.23 trace\0\0\0');
      const read = () => {
        let n = 0;
        for (const _ of new Reader(new Uint8Array(bytes))) n++;
        return n;
      };
      if (e.parses) expect(read()).toBeGreaterThan(10);
      else expect(read).toThrow(TraceError);
    });
  }
});

// The same scenario code without sockets: otel-inmemory (tracetest's in-memory exporter,
// scenarios.InProcess for HTTP) natively and as GOOS=js GOARCH=wasm under Node. What it exports
// must read the same, span for span, as what the Collector received in the recorded runs
// (playground/otel/manifest.json), so the in-browser half can reuse the programs as they are.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goRoot } from '../../scripts/toolchains.ts';
import { describeSpans, readInMemory } from '../../playground/otel/harness/received.ts';
import { buildStamped } from '../../playground/otel/harness/toolchain.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../playground/otel/manifest.json'), 'utf8'));
const recorded = (scenario: string, variant: string): string[] =>
  manifest.runs.find((r: { scenario: string; variant: string }) => r.scenario === scenario && r.variant === variant).received.lines;
// Service URLs differ between loopback ports and in-process names.
const sameURLs = (lines: string[]) => lines.map((l) => l.replace(/http:\/\/[^/"\\]+/g, 'http://<service>'));

const COMPARED: [string, string][] = [
  ['global-provider', 'broken'], ['global-provider', 'fixed'],
  ['context-propagation', 'fixed'], ['context-propagation', 'dropped-ctx'], ['context-propagation', 'no-propagator'],
  ['end-on-panic', 'recovered'], ['end-on-panic', 'without-recording'], ['end-on-panic', 'status-error'], ['end-on-panic', 'run-then-exit'],
  ['async-goroutines', 'request-ctx'], ['async-goroutines', 'detached'],
];
const IN_WASM = new Set(['context-propagation/fixed', 'context-propagation/no-propagator', 'end-on-panic/recovered', 'async-goroutines/detached']);

describe.skipIf(!haveOtelToolchain('OpenTelemetry scenarios in memory and in WebAssembly'))('OpenTelemetry scenarios in memory and in WebAssembly', () => {
  let native = '';
  let wasm = '';

  it('otel-inmemory and otel-scenario build for GOOS=js GOARCH=wasm', () => {
    const t = Date.now();
    native = buildStamped('cmd/otel-inmemory', 'otel-inmemory').file;
    wasm = buildStamped('cmd/otel-inmemory', 'otel-inmemory.wasm', { goos: 'js', goarch: 'wasm' }).file;
    const full = buildStamped('cmd/otel-scenario', 'otel-scenario.wasm', { goos: 'js', goarch: 'wasm' }).file;
    const size = (f: string) => `${(statSync(f).size / 1e6).toFixed(1)} MB (${(gzipSync(readFileSync(f), { level: 9 }).length / 1e6).toFixed(1)} MB gzipped)`;
    console.log(`[otel] wasm builds in ${Date.now() - t} ms: otel-inmemory.wasm ${size(wasm)}; otel-scenario.wasm (with the OTLP exporters) ${size(full)}`);
    expect(readFileSync(wasm).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
    expect(readFileSync(full).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
  }, 600_000);

  for (const [scenario, variant] of COMPARED) {
    const id = `${scenario}/${variant}`;
    it(`${id}: in memory${IN_WASM.has(id) ? ' (natively and in wasm)' : ''}, the spans read as the Collector received them`, () => {
      const want = sameURLs(recorded(scenario, variant));
      const runs: [string, string[]][] = [['native', [native]]];
      if (IN_WASM.has(id)) runs.push(['wasm', [path.join(goRoot('1.27'), 'lib/wasm/wasm_exec_node.js'), wasm]]);
      for (const [how, cmd] of runs) {
        const [bin, ...pre] = how === 'wasm' ? [process.execPath, ...cmd] : cmd;
        const r = spawnSync(bin, [...pre, `-scenario=${scenario}`, `-variant=${variant}`], { encoding: 'utf8', timeout: 60_000 });
        expect(r.status, `${how}: ${r.stderr}`).toBe(variant === 'run-then-exit' ? 1 : 0);
        expect(sameURLs(describeSpans(readInMemory(r.stdout))), how).toEqual(want);
      }
    }, 120_000);
  }
});

/**
 * Telling a WebAssembly run from a native one, and what the viewer does with the trace doctor's
 * findings on it. wasm-anatomy.go1.23.trace was recorded from public/go/scenarios.wasm under Node:
 *   npx node playground/scripts/run-wasm-node.mjs anatomy default --out tests/fixtures/analysis/wasm-anatomy.go1.23.trace
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseBytes, findings, type Finding } from '../../src/analysis/index.ts';
import { findingsFor, runtimeOf } from '../../src/components/trace-viewer/runtime.ts';

const wasm = analyseBytes(readFileSync(new URL('../fixtures/analysis/wasm-anatomy.go1.23.trace', import.meta.url)));

describe('the runtime a trace was recorded in', () => {
  it('a js/wasm run is WebAssembly', () => {
    expect(wasm.procs).toHaveLength(1);
    expect(runtimeOf(wasm)).toBe('wasm');
  });

  it('every recorded native trace is native', () => {
    const dir = new URL('../../playground/traces/', import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.trace'))) {
      expect(runtimeOf(analyseBytes(readFileSync(new URL(name, dir)))), name).toBe('native');
    }
  });

  it("in WebAssembly, the doctor's stop-the-world and GC-share findings become expected notes", () => {
    const list: Finding[] = [
      { rule: 'long-stw', severity: 'warning', time: 1, facts: {}, lesson: 'x' },
      { rule: 'gc-share', severity: 'warning', time: 2, facts: {}, lesson: 'x' },
      { rule: 'leak', severity: 'problem', time: 3, facts: {}, lesson: 'y' },
    ];
    const { findings: shown, expected } = findingsFor('wasm', list);
    expect(shown.map((f) => f.severity)).toEqual(['info', 'info', 'problem']);
    expect([...expected].map((f) => f.rule)).toEqual(['long-stw', 'gc-share']);
    expect(findingsFor('native', list)).toEqual({ findings: list, expected: new Set() });
    // The real wasm trace's findings go through without error.
    expect(() => findingsFor(runtimeOf(wasm), findings(wasm))).not.toThrow();
  });
});

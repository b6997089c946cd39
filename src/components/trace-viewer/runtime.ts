/**
 * Where a trace was recorded, as far as the viewer needs to know. A Go program built for js/wasm runs
 * on one thread: every goroutine, the garbage collector and its stop-the-world pauses take turns on
 * it, so long pauses and a large GC share are expected there and say little about the same program
 * run natively. The trace doctor's findings on those are marked as expected, not as problems.
 */
import type { Finding, TraceModel } from '../../analysis/model.ts';

export type Runtime = 'native' | 'wasm';

/** Findings a single-threaded WebAssembly run produces by its nature. */
export const EXPECTED_IN_WASM: ReadonlySet<string> = new Set(['long-stw', 'gc-share']);

// Only js/wasm builds carry these runtime files in their stacks (lock_js.go, the wasm assembly, syscall/js).
const WASM_FRAME = /(?:^|[\s/])(?:lock_js\.go|[\w]+_wasm\.s|[\w]+_js\.go)\b|\bsyscall\/js\./;

/** A trace recorded by a js/wasm program: one P, and js/wasm runtime frames in its stacks. */
export function runtimeOf(m: Pick<TraceModel, 'procs' | 'strings' | 'stacks'>): Runtime {
  if (m.procs.length > 1) return 'native';
  const frames = new Set<number>();
  for (const stack of m.stacks) for (const f of stack) frames.add(f);
  for (const f of frames) if (WASM_FRAME.test(m.strings[f] ?? '')) return 'wasm';
  return 'native';
}

/** Findings as the viewer shows them for a runtime: in WebAssembly, the expected ones become notes. */
export function findingsFor(runtime: Runtime, list: Finding[]): { findings: Finding[]; expected: Set<Finding> } {
  const expected = new Set<Finding>();
  if (runtime !== 'wasm') return { findings: list, expected };
  const findings = list.map((f) => {
    if (!EXPECTED_IN_WASM.has(f.rule)) return f;
    const note: Finding = { ...f, severity: 'info' };
    expected.add(note);
    return note;
  });
  return { findings, expected };
}

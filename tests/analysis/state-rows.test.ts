// The goroutine state table as it is built: rows grouped per goroutine, whatever order they arrive in.

import { describe, expect, it } from 'vitest';
import { StateRows } from '../../src/analysis/state-rows.ts';
import { GState } from '../../src/analysis/model.ts';

describe('StateRows', () => {
  it('groups interleaved rows by goroutine, in arrival order, across many block sizes', () => {
    const s = new StateRows();
    const nG = 5;
    for (let g = 0; g < nG; g++) s.addGoroutine();
    // Goroutine g gets 1, 40, 1500, 5000 and 0 rows: single rows, a few blocks, past the largest block size.
    const want = [1, 40, 1500, 5000, 0];
    const seen = want.map(() => 0);
    let t = 0;
    for (let round = 0; round < 5000; round++) {
      for (let g = 0; g < nG; g++) {
        if (seen[g] >= want[g]) continue;
        s.append(g, t++, GState.Waiting, 0, seen[g], -1);
        seen[g]++;
      }
    }
    for (let g = 0; g < nG; g++) s.append(g, t++, GState.End, 0, 0, -1);
    const { states } = s.finish([], []);
    expect([...states.offsets]).toEqual([0, 2, 43, 1544, 6545, 6546]);
    for (let g = 0; g < nG; g++) {
      const a = states.offsets[g], b = states.offsets[g + 1];
      for (let i = a; i < b - 1; i++) {
        expect(states.stack[i]).toBe(i - a); // arrival order kept
        if (i > a) expect(states.start[i]).toBeGreaterThan(states.start[i - 1]);
      }
      expect(states.state[b - 1]).toBe(GState.End);
    }
  });

  it('maps reason codes back to strings indices and proc indices to P IDs, narrowing when they fit', () => {
    const s = new StateRows();
    s.addGoroutine();
    s.append(0, 0, GState.Running, 0, 0, 1);
    s.append(0, 1, GState.Waiting, 70_000, 3, -1);
    s.append(0, 2, GState.Running, 0, 0, 0);
    s.append(0, 3, GState.Waiting, 12, 0, -1);
    s.append(0, 4, GState.End, 0, 0, -1);
    const wide = s.finish([100_000, 7], [7, 100_000]);
    expect(wide.states.reason).toBeInstanceOf(Uint32Array);
    expect([...wide.states.reason]).toEqual([0, 70_000, 0, 12, 0]);
    expect(wide.states.proc).toBeInstanceOf(Int32Array);
    expect([...wide.states.proc]).toEqual([7, -1, 100_000, -1, -1]);
    // Runs listed per P in the order of the model's procs (ascending IDs).
    expect([...wide.procRuns.offsets]).toEqual([0, 1, 2]);
    expect([...wide.procRuns.row]).toEqual([0, 2]);

    const t = new StateRows();
    t.addGoroutine();
    t.append(0, 0, GState.Waiting, 12, 0, -1);
    t.append(0, 1, GState.Running, 0, 0, 0);
    t.append(0, 2, GState.End, 0, 0, -1);
    const narrow = t.finish([3], [3]);
    expect(narrow.states.reason).toBeInstanceOf(Uint16Array);
    expect(narrow.states.proc).toBeInstanceOf(Int16Array);
    expect([...narrow.states.proc]).toEqual([-1, 3, -1]);
  });

  it("sorts a P's runs when a run was dated back before runs logged earlier", () => {
    const s = new StateRows();
    s.addGoroutine();
    s.addGoroutine();
    s.append(0, 50, GState.Running, 0, 0, 0); // logged first, starts later
    s.append(1, 10, GState.Running, 0, 0, 0); // a first sight dated back to its generation's start
    s.append(0, 60, GState.End, 0, 0, -1);
    s.append(1, 50, GState.End, 0, 0, -1);
    const { states, procRuns } = s.finish([0], [0]);
    expect([...procRuns.goroutine]).toEqual([1, 0]);
    expect([...procRuns.row].map((r) => states.start[r])).toEqual([10, 50]);
  });
});

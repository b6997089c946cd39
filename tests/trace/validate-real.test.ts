// The trace validator (src/trace/testtrace, a port of Go's) over every trace
// the fixtures hold: real/ (recorded by Go 1.22 and 1.23), tests/ (Go's suite
// as bytes), and v1/ (old formats, converted as Go converts them). Go runs its
// validator on every trace its reader tests read; this is the same for ours.
// A trace must read to its expected end (EOF, or the .test's FAILURE) and
// every event on the way must validate.
//
// The validator is also checked on its own with hand-made event streams, so
// that a validator that accepts everything cannot pass unnoticed.

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExpectation, parseTraceTest } from '../../src/trace/raw/index.ts';
import { validateTrace, Validator } from '../../src/trace/testtrace/index.ts';
import {
  EventKind, GoState, NoStack, ProcState, ResourceID, ResourceKind, StateTransition, type Event,
} from '../../src/trace/index.ts';

const fixtures = fileURLToPath(new URL('../fixtures/go-trace-testdata/', import.meta.url));

function tracesIn(dir: string): string[] {
  const d = join(fixtures, dir);
  if (!existsSync(d)) return [];
  return readdirSync(d).filter((f) => f.endsWith('.trace')).sort();
}

describe('validator over real/ traces', () => {
  for (const f of tracesIn('real')) {
    it(f, () => {
      const r = validateTrace(new Uint8Array(readFileSync(join(fixtures, 'real', f))));
      expect(r.readError?.message ?? null).toBeNull();
      expect(r.invalid).toEqual([]);
      expect(r.events).toBeGreaterThan(0);
    });
  }
});

describe('validator over tests/ traces', () => {
  for (const f of tracesIn('tests')) {
    it(f, () => {
      const test = parseTraceTest(readFileSync(join(fixtures, 'tests', f.replace(/\.trace$/, '.test')), 'utf8'));
      const r = validateTrace(new Uint8Array(readFileSync(join(fixtures, 'tests', f))));
      expect(checkExpectation(test.expect, r.readError?.message ?? null)).toBeNull();
      expect(r.invalid).toEqual([]);
    });
  }
});

// As Go's TestOldtrace: converted old traces validate, with the validator's leniency for
// pre-1.22 traces (a goroutine already in a syscall has no thread), which it takes from
// the header's version.
describe('validator over v1/ traces (old formats)', () => {
  const files = tracesIn('v1');
  it('has the v1 fixtures', () => expect(files.length).toBe(12));
  for (const f of files) {
    it(f, () => {
      const r = validateTrace(new Uint8Array(readFileSync(join(fixtures, 'v1', f))));
      expect(r.readError?.message ?? null).toBeNull();
      expect(r.invalid).toEqual([]);
      expect(r.events).toBeGreaterThan(0);
    });
  }
});

// A minimal stand-in for Event: only what the validator calls.
interface FakeSpec {
  kind: number;
  time: number;
  m?: number;
  transition?: { kind: 'go' | 'proc'; id: number; from: number; to: number };
  task?: { id: number; parent: number; type: string };
  range?: { name: string; scope: ResourceID };
  sync?: number;
}

function fake(s: FakeSpec): Event {
  const ev = {
    kind: () => s.kind,
    time: () => s.time,
    thread: () => s.m ?? 1,
    goroutine: () => -1,
    proc: () => -1,
    stack: () => NoStack,
    toString: () => `fake ${s.kind} at ${s.time}`,
    stateTransition: () => {
      const t = s.transition!;
      const res = new ResourceID(t.kind === 'go' ? ResourceKind.Goroutine : ResourceKind.Proc, t.id);
      return new StateTransition(res, '', NoStack, t.from, t.to);
    },
    task: () => s.task!,
    range: () => s.range!,
    rangeAttributes: () => [],
    sync: () => ({ n: s.sync!, clockSnapshot: null, experimentalBatches: new Map() }),
  };
  return ev as unknown as Event;
}

function problems(events: FakeSpec[]): string[] {
  const v = new Validator({ goVersion: 23 });
  return events.flatMap((e) => v.event(fake(e))?.problems ?? []);
}

describe('validator rejects bad streams', () => {
  const st = EventKind.StateTransition;
  it('accepts a sane stream', () => {
    expect(
      problems([
        { kind: st, time: 1, transition: { kind: 'proc', id: 0, from: ProcState.Undetermined, to: ProcState.Running } },
        { kind: st, time: 2, transition: { kind: 'go', id: 1, from: GoState.Undetermined, to: GoState.Running } },
        { kind: st, time: 3, transition: { kind: 'go', id: 1, from: GoState.Running, to: GoState.Waiting } },
        { kind: EventKind.Sync, time: 4, sync: 1 },
      ]),
    ).toEqual([]);
  });
  it('times must increase', () => {
    expect(problems([{ kind: EventKind.Sync, time: 5, sync: 1 }, { kind: EventKind.Sync, time: 5, sync: 2 }])[0]).toMatch(
      /timestamp out-of-order/,
    );
  });
  it('Sync numbers are sequential', () => {
    expect(problems([{ kind: EventKind.Sync, time: 1, sync: 2 }])).toEqual(['sync count is not sequential: expected 1, got 2']);
  });
  it('old state must match', () => {
    expect(
      problems([
        { kind: st, time: 1, transition: { kind: 'go', id: 7, from: GoState.NotExist, to: GoState.Runnable } },
        { kind: st, time: 2, transition: { kind: 'go', id: 7, from: GoState.Waiting, to: GoState.Runnable } },
      ]),
    ).toEqual(['bad old state for goroutine 7: got Waiting, want Runnable']);
  });
  it('no Undetermined after the first generation', () => {
    expect(
      problems([
        { kind: st, time: 1, transition: { kind: 'go', id: 2, from: GoState.Undetermined, to: GoState.Waiting } },
        { kind: EventKind.Sync, time: 2, sync: 1 },
        { kind: st, time: 3, transition: { kind: 'go', id: 3, from: GoState.Undetermined, to: GoState.Waiting } },
      ]),
    ).toEqual(['undetermined goroutine 3 after first global sync']);
  });
  it('one goroutine per thread', () => {
    expect(
      problems([
        { kind: st, time: 1, transition: { kind: 'go', id: 1, from: GoState.NotExist, to: GoState.Running } },
        { kind: st, time: 2, transition: { kind: 'go', id: 2, from: GoState.NotExist, to: GoState.Running } },
      ]),
    ).toEqual(['tried to run goroutine 2 when one was already executing (1) on thread 1']);
  });
  it('an executing goroutine needs a thread', () => {
    expect(
      problems([{ kind: st, time: 1, m: -1, transition: { kind: 'go', id: 1, from: GoState.NotExist, to: GoState.Running } }]),
    ).toEqual(['must have thread, but thread ID is none']);
  });
  it('ranges end only when active', () => {
    const r = { name: 'GC concurrent mark phase', scope: ResourceID.none() };
    expect(problems([{ kind: EventKind.RangeEnd, time: 1, range: r }])).toEqual([
      'inactive range "GC concurrent mark phase" on None ended',
    ]);
  });
  it('tasks: no background IDs, end type matches begin', () => {
    expect(
      problems([
        { kind: EventKind.TaskBegin, time: 1, task: { id: 0, parent: -1, type: 'a' } },
        { kind: EventKind.TaskBegin, time: 2, task: { id: 5, parent: -1, type: 'a' } },
        { kind: EventKind.TaskEnd, time: 3, task: { id: 5, parent: -1, type: 'b' } },
      ]),
    ).toEqual(['found invalid task ID for task of type a', 'task end type "b" doesn\'t match task start type "a" for task 5']);
  });
});

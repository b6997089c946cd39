// The cases of make-event/main.go (Go 1.27's MakeEvent), made with our makeEvent and printed the
// same way: each made event's toString() or the error.

import {
  EventKind, GoState, NoTask, ProcState, ResourceID, ResourceKind, eventKindString, goStateString, makeEvent,
  makeGoStateTransition, makeProcStateTransition, makeStack, procStateString, stringValue, uint64Value,
  type Event, type EventConfig,
} from '../../../src/trace/index.ts';

/** The cases of make-event/main.go, printed the same way. */
export function makeEventCases(): string {
  const out: string[] = [];
  const show = (name: string, c: EventConfig): void => {
    let ev: Event;
    try {
      ev = makeEvent(c);
    } catch (e) {
      out.push(`${name}: ERROR ${(e as Error).message}`);
      return;
    }
    out.push(`${name}: ${ev.toString()}`);
  };
  const stk = makeStack([{ pc: 1, func: 'foo', file: 'foo.go', line: 10 }, { pc: 2, func: 'bar', file: 'bar.go', line: 20 }]);
  out.push(`stack: ${JSON.stringify(stk.toString())}`);
  const go = (id: number): ResourceID => new ResourceID(ResourceKind.Goroutine, id);
  const proc = (id: number): ResourceID => new ResourceID(ResourceKind.Proc, id);
  show('metric', { kind: EventKind.Metric, time: 42, details: { name: '/sched/gomaxprocs:threads', value: uint64Value(1) }, stack: stk, thread: 3, proc: 1, goroutine: 7 });
  show('badmetric', { kind: EventKind.Metric, time: 43, details: { name: '/test', value: uint64Value(4) } });
  show('strmetric', { kind: EventKind.Metric, time: 43, details: { name: '/gc/heap/goal:bytes', value: stringValue('x') } });
  show('label', { kind: EventKind.Label, time: 44, details: { label: 'test', resource: go(23) } });
  show('badlabel', { kind: EventKind.Label, time: 44, details: { label: 'test', resource: proc(2) } });
  for (const k of [EventKind.RangeBegin, EventKind.RangeActive, EventKind.RangeEnd]) {
    for (const r of [
      { name: 'GC concurrent mark phase', scope: ResourceID.none() },
      { name: 'GC incremental sweep', scope: proc(1) },
      { name: 'GC mark assist', scope: go(2) },
      { name: 'stop-the-world (GC sweep termination)', scope: go(3) },
      { name: 'stop-the-world (x)', scope: proc(3) },
      { name: 'nonsense', scope: go(3) },
    ]) {
      show(`range ${eventKindString(k)} ${r.name}`, { kind: k, time: 45, details: r, proc: 4, goroutine: 5, thread: 6, stack: stk });
    }
  }
  const gs = [GoState.Undetermined, GoState.NotExist, GoState.Runnable, GoState.Running, GoState.Waiting, GoState.Syscall];
  for (const from of gs) {
    for (const to of gs) {
      const st = makeGoStateTransition(9, from, to);
      st.reason = 'why';
      st.stack = stk;
      show(`go ${goStateString(from)}->${goStateString(to)}`, { kind: EventKind.StateTransition, time: 46, details: st, proc: 1, goroutine: 2, thread: 3, stack: stk });
    }
  }
  show('go status nostack', { kind: EventKind.StateTransition, time: 46, details: makeGoStateTransition(9, GoState.Undetermined, GoState.Waiting), stack: stk });
  const ps = [ProcState.Undetermined, ProcState.NotExist, ProcState.Running, ProcState.Idle];
  for (const from of ps) {
    for (const to of ps) {
      show(`proc ${procStateString(from)}->${procStateString(to)}`, { kind: EventKind.StateTransition, time: 47, details: makeProcStateTransition(1, from, to), proc: 2, thread: 3 });
    }
  }
  const snapshot = { trace: 100, traceBigInt: 100n, wall: new Date(0), wallSec: 1740755049n, wallNsec: 123n, wallText: '', mono: 99n };
  show('sync', { kind: EventKind.Sync, time: 48, details: { n: 2, clockSnapshot: snapshot, experimentalBatches: new Map() } });
  show('badsync', { kind: EventKind.Sync, time: 48, details: { n: 3, clockSnapshot: null, experimentalBatches: new Map([['Nope', []]]) } });
  show('taskbegin', { kind: EventKind.TaskBegin, time: 49, details: { id: 1, parent: 2, type: 't' }, stack: stk, goroutine: 1, proc: 1, thread: 1 });
  show('taskend', { kind: EventKind.TaskEnd, time: 50, details: { id: 1, parent: 2, type: 't' } });
  show('notask', { kind: EventKind.TaskEnd, time: 50, details: { id: NoTask, parent: 0, type: '' } });
  show('regionbegin', { kind: EventKind.RegionBegin, time: 51, details: { task: 1, type: 'r' }, stack: stk });
  show('regionend', { kind: EventKind.RegionEnd, time: 52, details: { task: 1, type: 'r' } });
  show('log', { kind: EventKind.Log, time: 53, details: { task: 1, category: 'c', message: 'm\n' }, stack: stk });
  show('sample', { kind: EventKind.StackSample, time: 54, details: {}, stack: stk, thread: 8 });
  show('mismatch', { kind: EventKind.Metric, time: 55, details: { task: 0, category: '', message: '' } });
  show('nokind', { kind: EventKind.Bad, time: 55, details: { task: 0, category: '', message: '' } });
  return out.join('\n') + '\n';
}

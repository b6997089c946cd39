// A trace validator: checks that a stream of events read from a trace makes
// sense on its own terms. Port of Go's internal/trace/testtrace/validation.go
// (newest version, which also checks Sync events), against the public Event
// API. Go's tests run it over every event the reader returns; so do ours
// (tests/trace/gosuite.test.ts, validate-real.test.ts, differential.test.ts).
//
// It checks: strictly increasing times; complete stack frames; sequential Sync
// numbers and (Go 1.25+) sane clock snapshots; metric names and values;
// labels on known resources; state transitions (old state matches the last
// one seen, no Undetermined after the first generation, executing resources
// bound to exactly one thread); ranges begun before they end; task IDs.

import {
  BackgroundTask,
  EventKind,
  NoTask,
  type Event,
  type Stack,
  type StackFrame,
  type Sync,
} from '../event.ts';
import {
  GoState,
  NoGoroutine,
  NoProc,
  NoThread,
  ProcState,
  ResourceKind,
  goStateExecuting,
  goStateString,
  procStateExecuting,
  procStateString,
  type ResourceID,
} from '../resources.ts';
import { ValueKind } from '../value.ts';
import { goQuote } from '../format.ts';

interface SchedContext {
  m: number;
  p: number;
  g: number;
}

interface ResourceState {
  state: number;
  binding: SchedContext | null;
}

export interface ValidatorOptions {
  /**
   * The trace's format version (22 = Go 1.22, ...). From 1.25 Sync events must
   * carry clock snapshots. Below 22 (old traces converted by the reader), a
   * goroutine may enter a syscall with no thread. Default: 23.
   */
  goVersion?: number;
  /** Skip the monotonicity checks on clock snapshots (Go does on Windows). */
  skipClockSnapshotChecks?: boolean;
}

/** The problems found at one event; `message` joins them with newlines, as errors.Join does. */
export class ValidationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

function resourceKey(r: ResourceID): string {
  return `${r.kind}:${r.id}`;
}

// Go's %#v of a trace.StackFrame.
function frameGoSyntax(f: StackFrame): string {
  return `trace.StackFrame{PC:0x${f.pc.toString(16)}, Func:${goQuote(f.func)}, File:${goQuote(f.file)}, Line:0x${f.line.toString(16)}}`;
}

/**
 * Validates a stream of events. Feed every event, in read order, to `event`.
 * Stateful: use one Validator per trace.
 */
export class Validator {
  private lastTs = 0;
  private readonly gs = new Map<number, ResourceState>();
  private readonly ps = new Map<number, ResourceState>();
  private readonly ms = new Map<number, SchedContext>();
  private readonly ranges = new Map<string, string[]>();
  private readonly tasks = new Map<number, string>();
  private lastSync: Sync | null = null;
  private syncs = 0;
  // True when the reader emits a Sync before each generation (Go 1.25+ readers,
  // and ours by default) rather than after it (Go 1.22-1.24 readers, and ours
  // reading as Go 1.23): decided by whether the very first event is a Sync.
  // Either way, "the first generation is over" is when a Sync that closes it has
  // been seen (Go 1.27's validator: Sync N > 1; Go 1.23's: any Sync).
  private leadingSync: boolean | null = null;
  private readonly goVersion: number;
  private readonly skipClockSnapshotChecks: boolean;

  constructor(opts: ValidatorOptions = {}) {
    this.goVersion = opts.goVersion ?? 23;
    this.skipClockSnapshotChecks = opts.skipClockSnapshotChecks ?? false;
  }

  /** Validates ev as the next event of the stream. Returns null, or the problems found. */
  event(ev: Event): ValidationError | null {
    const errs: string[] = [];
    const kind = ev.kind();
    if (this.leadingSync === null) this.leadingSync = kind === EventKind.Sync;

    // Timestamps strictly increase.
    const t = ev.time();
    if (this.lastTs !== 0) {
      if (t <= this.lastTs) errs.push(`timestamp out-of-order (want > ${this.lastTs}) for ${ev.toString()}`);
      else this.lastTs = t;
    } else {
      this.lastTs = t;
    }

    checkStack(errs, ev.stack());

    switch (kind) {
      case EventKind.Sync:
        this.checkSync(errs, ev.sync());
        break;
      case EventKind.Metric: {
        const m = ev.metric();
        // runtime/metrics convention: "name:unit".
        if (!m.name.includes(':')) errs.push(`invalid metric name ${goQuote(m.name)}`);
        if (m.value.kind() === ValueKind.Bad) errs.push('invalid value');
        if (m.value.kind() === ValueKind.Uint64) m.value.uint64(); // must not throw
        break;
      }
      case EventKind.Label: {
        const l = ev.label();
        if (l.label === '') errs.push(`invalid label ${goQuote(l.label)}`);
        if (l.resource.kind === ResourceKind.None) errs.push('label resource none');
        switch (l.resource.kind) {
          case ResourceKind.Goroutine:
            if (!this.gs.has(l.resource.goroutine())) errs.push(`label for invalid goroutine ${l.resource.id}`);
            break;
          case ResourceKind.Proc:
            if (!this.ps.has(l.resource.proc())) errs.push(`label for invalid proc ${l.resource.id}`);
            break;
          case ResourceKind.Thread:
            if (!this.ms.has(l.resource.thread())) errs.push(`label for invalid thread ${l.resource.id}`);
            break;
        }
        break;
      }
      case EventKind.StackSample:
        // A sched context and a stack; the context need not agree with other events.
        break;
      case EventKind.StateTransition:
        this.checkTransition(errs, ev);
        break;
      case EventKind.RangeBegin:
      case EventKind.RangeActive:
      case EventKind.RangeEnd: {
        const r = ev.range();
        if (kind === EventKind.RangeBegin) {
          if (this.hasRange(r.scope, r.name)) errs.push(`already active range ${goQuote(r.name)} on ${r.scope} begun again`);
          this.addRange(r.scope, r.name);
        } else if (kind === EventKind.RangeActive) {
          if (!this.hasRange(r.scope, r.name)) this.addRange(r.scope, r.name);
        } else {
          if (!this.hasRange(r.scope, r.name)) errs.push(`inactive range ${goQuote(r.name)} on ${r.scope} ended`);
          this.deleteRange(r.scope, r.name);
          ev.rangeAttributes(); // must not throw
        }
        break;
      }
      case EventKind.TaskBegin: {
        const tk = ev.task();
        // No event is ever emitted for the background task.
        if (tk.id === NoTask || tk.id === BackgroundTask) errs.push(`found invalid task ID for task of type ${tk.type}`);
        // A task cannot be a subtask of the background task.
        if (tk.parent === BackgroundTask) errs.push(`found background task as the parent for task of type ${tk.type}`);
        // The type is not checked: "" is a valid task type.
        this.tasks.set(tk.id, tk.type);
        break;
      }
      case EventKind.TaskEnd: {
        // An end without a begin is fine; with one, the types must agree.
        const tk = ev.task();
        const typ = this.tasks.get(tk.id);
        if (typ !== undefined) {
          if (tk.type !== typ) {
            errs.push(`task end type ${goQuote(tk.type)} doesn't match task start type ${goQuote(typ)} for task ${tk.id}`);
          }
          this.tasks.delete(tk.id);
        }
        break;
      }
      case EventKind.RegionBegin:
      case EventKind.RegionEnd:
        ev.region(); // must not throw
        break;
      case EventKind.Log:
        // Category and message are user data, and the task is best-effort: nothing to check.
        ev.log();
        break;
      case EventKind.Experimental:
        ev.experimental(); // must not throw
        break;
      default:
        errs.push(`event of unknown kind ${kind}: ${ev.toString()}`);
    }
    return errs.length === 0 ? null : new ValidationError(errs);
  }

  /** True once a Sync closing the first generation has been seen. */
  private pastFirstGeneration(): boolean {
    return this.leadingSync ? this.syncs > 1 : this.syncs > 0;
  }

  private checkSync(errs: string[], s: Sync): void {
    const lastN = this.lastSync?.n ?? 0;
    if (s.n !== lastN + 1) errs.push(`sync count is not sequential: expected ${lastN + 1}, got ${s.n}`);
    // Synthetic Syncs (the reader's last one) carry no clock snapshot: skip them.
    const cs = s.clockSnapshot;
    if (this.goVersion >= 25 && !(s.n > 1 && cs === null)) {
      if (cs === null) {
        errs.push(`sync ${s.n} has no clock snapshot`);
      } else {
        // Go's time.Time.IsZero: January 1, year 1, 00:00:00 UTC.
        if (cs.wallSec === -62135596800n && cs.wallNsec === 0n) errs.push(`sync ${s.n} has zero wall time`);
        if (cs.mono === 0n) errs.push(`sync ${s.n} has zero mono time`);
        if (cs.trace === 0) errs.push(`sync ${s.n} has zero trace time`);
        const last = this.lastSync?.clockSnapshot ?? null;
        if (!this.skipClockSnapshotChecks && s.n >= 2 && last !== null) {
          const wall = cs.wallSec * 1000000000n + cs.wallNsec;
          const lastWall = last.wallSec * 1000000000n + last.wallNsec;
          if (!(wall > lastWall)) errs.push(`sync ${s.n} has non-increasing wall time: ${wall} vs ${lastWall}`);
          if (!(cs.mono > last.mono)) errs.push(`sync ${s.n} has non-increasing mono time: ${cs.mono} vs ${last.mono}`);
          if (!(cs.trace > last.trace)) errs.push(`sync ${s.n} has non-increasing trace time: ${cs.trace} vs ${last.trace}`);
        }
      }
    }
    this.lastSync = s;
    this.syncs++;
  }

  private checkTransition(errs: string[], ev: Event): void {
    const tr = ev.stateTransition();
    checkStack(errs, tr.stack);
    const res = tr.resource;
    const isGo = res.kind === ResourceKind.Goroutine;
    if (!isGo && res.kind !== ResourceKind.Proc) {
      errs.push(`state transition of unexpected resource ${res}`);
      return;
    }
    const what = isGo ? 'goroutine' : 'proc';
    const id = res.id;
    const { from, to } = isGo ? tr.goroutine() : tr.proc();
    const undetermined = isGo ? GoState.Undetermined : ProcState.Undetermined;
    const notExist = isGo ? GoState.NotExist : ProcState.NotExist;
    const stateString = isGo ? goStateString : procStateString;
    const executing = isGo ? goStateExecuting : procStateExecuting;

    if (to === undetermined) errs.push(`transition to undetermined state for ${what} ${id}`);
    if (this.pastFirstGeneration() && from === undetermined) errs.push(`undetermined ${what} ${id} after first global sync`);
    if (to === notExist && this.hasAnyRange(res)) errs.push(`${what} ${id} died with active ranges`);

    const table = isGo ? this.gs : this.ps;
    let state = table.get(id);
    if (state !== undefined) {
      if (from !== state.state) errs.push(`bad old state for ${what} ${id}: got ${stateString(from)}, want ${stateString(state.state)}`);
      state.state = to;
    } else {
      if (from !== undetermined && from !== notExist) errs.push(`bad old state for unregistered ${what} ${id}: ${stateString(from)}`);
      state = { state: to, binding: null };
      table.set(id, state);
    }

    // The sched context: an executing resource is bound to exactly one thread.
    if (executing(to)) {
      const ctx = this.getOrCreateThread(errs, ev, ev.thread());
      if (ctx !== null) {
        const cur = isGo ? ctx.g : ctx.p;
        const none = isGo ? NoGoroutine : NoProc;
        if (cur !== none && cur !== id) {
          errs.push(`tried to run ${what} ${id} when one was already executing (${cur}) on thread ${ev.thread()}`);
        }
        if (isGo) ctx.g = id;
        else ctx.p = id;
        state.binding = ctx;
      }
    } else if (executing(from) && !executing(to)) {
      // The goroutine leaving execution is the one the event ran on: the stacks agree.
      if (isGo && !tr.stack.equals(ev.stack())) errs.push("StateTransition.Stack doesn't match Event.Stack");
      const ctx = state.binding;
      if (ctx !== null) {
        const cur = isGo ? ctx.g : ctx.p;
        if (cur !== id) {
          errs.push(
            `tried to stop ${what} ${id} when it wasn't currently executing (currently executing ${cur}) on thread ${isGo ? ev.thread() : ctx.m}`,
          );
        }
        if (isGo) ctx.g = NoGoroutine;
        else ctx.p = NoProc;
        state.binding = null;
      } else {
        errs.push(`stopping ${what} ${id} not bound to any active context`);
      }
    }
  }

  private getOrCreateThread(errs: string[], ev: Event, m: number): SchedContext | null {
    if (m === NoThread && !this.lenient(ev)) {
      errs.push('must have thread, but thread ID is none');
      return null;
    }
    let s = this.ms.get(m);
    if (s === undefined) {
      s = { m, p: NoProc, g: NoGoroutine };
      this.ms.set(m, s);
    }
    return s;
  }

  // Old (pre-1.22) traces lack the thread of goroutines found in a syscall at the start.
  private lenient(ev: Event): boolean {
    if (this.goVersion >= 22) return false;
    if (ev.kind() !== EventKind.StateTransition) return false;
    const tr = ev.stateTransition();
    if (tr.resource.kind !== ResourceKind.Goroutine) return false;
    const { from, to } = tr.goroutine();
    return from === GoState.Undetermined && to === GoState.Syscall;
  }

  private hasRange(r: ResourceID, name: string): boolean {
    return this.ranges.get(resourceKey(r))?.includes(name) ?? false;
  }

  private addRange(r: ResourceID, name: string): void {
    const k = resourceKey(r);
    const list = this.ranges.get(k);
    if (list) list.push(name);
    else this.ranges.set(k, [name]);
  }

  private hasAnyRange(r: ResourceID): boolean {
    return (this.ranges.get(resourceKey(r))?.length ?? 0) !== 0;
  }

  private deleteRange(r: ResourceID, name: string): void {
    const list = this.ranges.get(resourceKey(r));
    if (!list) return;
    const i = list.indexOf(name);
    if (i >= 0) list.splice(i, 1);
  }
}

// Every frame after the first has its function, file, PC and line. (Go allows
// one all-zero leading frame: "TODO(mknyszek): Investigate why that happens.")
function checkStack(errs: string[], stk: Stack): void {
  const frames = stk.frames();
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i];
    if (f.func === '' || f.file === '' || f.pc === 0 || f.line === 0) {
      errs.push(`invalid stack frame ${frameGoSyntax(f)}: missing information`);
    }
  }
}

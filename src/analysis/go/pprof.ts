// go tool trace's blocking profiles (-pprof=net|sync|syscall|sched), ported from Go 1.27's
// src/cmd/trace/pprof.go: for every goroutine, the time from a transition into a state (blocked
// on the network, blocked on a channel/mutex/select, in a syscall, runnable) to the transition
// out of it, charged to the stack of the transition in, and summed per stack as
// traceviewer.ProfileRecord.
//
// Go first reads the whole trace, summarises it (internal/trace/summary.go), then scans the
// events again, clipping each interval to its goroutine's [StartTime, EndTime] from the final
// summary (pprofByGoroutine with no name: every goroutine, cmd/trace/main.go's -pprof path).
// This port makes one pass and retains no event. That works because the clip is almost always
// known when an interval ends:
//   - a goroutine that has run since it appeared has its final StartTime; its EndTime is either
//     set (it has just exited or blocked "forever") or will be at or after the interval's end;
//   - a goroutine that has not run yet will either run later, at or after the interval's end,
//     which clips the interval to nothing, or never, which leaves it whole: such intervals wait
//     in a small per-goroutine list until the goroutine runs (dropped) or the trace ends (kept);
//   - a goroutine ID that appears again after its goroutine ended (a cgo callback's goroutine,
//     GoCreateSyscall after GoDestroySyscall) replaces Go's summary entry, so every earlier
//     interval of that ID is clipped to the last life: to nothing if that life ran, whole if not.
//     Lives that can be followed by another (those first seen at the trace's start or made by
//     GoCreateSyscall) keep per-stack sums so this can be undone and redone at the end.
// Not reproduced: Go cuts a trace that ends in a read error back to its last whole generation
// (the reader here stops at the error, keeping what it read), and a goroutine woken after
// blocking "forever" (Go then moves its EndTime; nothing in the runtime wakes one).

import { EventKind, GoState, Reader, ResourceKind, type Event, type Stack, type StateTransition } from '../../trace/index.ts';
import type { ProfileKind, ProfileRecord } from './types.ts';

export const profileKinds: readonly ProfileKind[] = ['net', 'sync', 'syscall', 'sched'];

/** Go's pprofMaxStack: stacks are told apart, and printed, by their first 128 PCs. */
const maxStack = 128;

/**
 * One stack's totals (traceviewer.ProfileRecord). Go prints the frames of the stack it added last
 * with these PCs (they differ only where PC 0 stands for no frame): last is when that was, in
 * events read, as intervals kept until the end are added in Go's order.
 */
interface Rec {
  stack: Stack;
  count: number;
  time: number;
  last: number;
}

function add(rec: Rec, stack: Stack, at: number, count: number, time: number): void {
  rec.count += count;
  rec.time += time;
  if (at > rec.last) {
    rec.last = at;
    rec.stack = stack;
  }
}

/** Go's stackMap: records deduplicated by the stack's PCs, with a per-generation fast path by stack ID. */
class StackRecords {
  private readonly byPCs = new Map<string, Rec>();
  private genByID = new Map<number, Rec>();

  newGeneration(): void {
    this.genByID = new Map();
  }

  get(stack: Stack): Rec {
    let rec = this.genByID.get(stack.id);
    if (rec !== undefined) return rec;
    // Go's key is the PCs in a zeroed [128]uint64: trailing zero PCs do not count, so a stack of
    // one frame at PC 0 is NoStack's record.
    const frames = stack.frames();
    let n = Math.min(frames.length, maxStack);
    while (n > 0 && frames[n - 1].pc === 0) n--;
    let key = '';
    for (let i = 0; i < n; i++) key += frames[i].pc.toString(36) + ',';
    rec = this.byPCs.get(key);
    if (rec === undefined) {
      rec = { stack, count: 0, time: 0, last: -1 };
      this.byPCs.set(key, rec);
    }
    this.genByID.set(stack.id, rec);
    return rec;
  }

  records(): ProfileRecord[] {
    const out: ProfileRecord[] = [];
    for (const rec of this.byPCs.values()) {
      // A record whose every interval was undone (a goroutine ID's earlier life, see above) is one Go never made.
      if (rec.count === 0) continue;
      const stack = rec.stack.frames().slice(0, maxStack).map((f) => ({ func: f.func, file: f.file, line: f.line, pc: f.pc }));
      out.push({ stack, count: rec.count, time: rec.time });
    }
    // Go prints them in map order (at random); biggest first reads better and is deterministic.
    return out.sort((a, b) => b.time - a.time || b.count - a.count);
  }
}

/** Per-stack sums of one goroutine life: what was added to the profile, and the intervals' whole lengths. */
interface LifeSums {
  added: Sums;
  whole: Sums;
}

/** Per record: how many intervals, their total, and the last one's end and stack. */
type Sums = Map<Rec, { count: number; time: number; at: number; stack: Stack }>;

function addTo(m: Sums, rec: Rec, stack: Stack, at: number, count: number, time: number): void {
  const s = m.get(rec);
  if (s === undefined) m.set(rec, { count, time, at, stack });
  else {
    s.count += count;
    s.time += time;
    if (at > s.at) {
      s.at = at;
      s.stack = stack;
    }
  }
}

/** Go's summary of one goroutine life (only what the clip needs), plus each profile's state for it. */
interface Goroutine {
  /** First time it ran in this life (Go's StartTime; 0 = not yet). */
  start: number;
  /** When it exited or blocked forever (Go's EndTime; 0 = not yet). */
  end: number;
  /** Whether another life of this ID may follow (see the file comment). */
  mayReturn: boolean;
  perKind: KindState[];
}

interface KindState {
  /** The transition into the tracked state: its time and stack (Go keeps the event). */
  trackTime: number;
  trackStack: Stack | null;
  /** Its record, found when tracking starts: stack IDs are only valid within their generation. */
  trackRec: Rec | null;
  /** Intervals that ended before the goroutine first ran: [rec, stack, start, end, events read at the end]. */
  waiting: [Rec, Stack, number, number, number][] | null;
  life: LifeSums | null;
  /** Whole lengths of earlier lives' intervals, counted if the last life never runs. */
  earlier: Sums | null;
}

const newKindState = (): KindState => ({ trackTime: 0, trackStack: null, trackRec: null, waiting: null, life: null, earlier: null });

interface Profile {
  state: GoState;
  track(reason: string): boolean;
  records: StackRecords;
}

// computePprofIO, computePprofBlock, computePprofSyscall, computePprofSched.
const makeProfiles = (): Profile[] => [
  { state: GoState.Waiting, track: (r) => r === 'network', records: new StackRecords() },
  { state: GoState.Waiting, track: (r) => r.includes('chan') || r.includes('sync') || r.includes('select'), records: new StackRecords() },
  { state: GoState.Syscall, track: () => true, records: new StackRecords() },
  { state: GoState.Runnable, track: () => true, records: new StackRecords() },
];

/** Go's interval.overlap of the goroutine's [start, end] and an interval [a, b]. */
function overlap(start: number, end: number, a: number, b: number): number {
  if (end < a || b < start) return 0;
  return Math.min(end, b) - Math.max(start, a);
}

/** The four blocking profiles of one trace, fed its events in order. */
export class BlockingProfiles {
  private readonly profiles = makeProfiles();
  private readonly gs = new Map<number, Goroutine>();
  private lastTime = 0;
  private seq = 0;

  /** `st`: the event's stateTransition(), when the caller has it already (the reader builds one per call). */
  event(ev: Event, stIn?: StateTransition): void {
    const seq = this.seq++;
    const kind = ev.kind();
    if (kind === EventKind.Sync) {
      for (const p of this.profiles) p.records.newGeneration();
    }
    this.lastTime = ev.time();
    if (kind !== EventKind.StateTransition) return;
    const st = stIn ?? ev.stateTransition();
    if (st.resource.kind !== ResourceKind.Goroutine) return;
    const id = st.resource.id as number;
    const { from, to } = st.goroutine();
    const t = this.lastTime;
    const g = from === to ? this.gs.get(id) : this.summarise(id, from, to, st.reason, t);

    for (let k = 0; k < 4; k++) {
      const p = this.profiles[k];
      if (g === undefined) {
        // Go's summary has no goroutine for this ID (it never left an undetermined state): Go
        // still tracks it, but clips every interval to nothing. Nothing to keep.
        continue;
      }
      const ks = g.perKind[k];
      if (ks.trackStack === null) {
        if (to === p.state && p.track(st.reason)) {
          ks.trackTime = t;
          ks.trackStack = ev.stack();
          ks.trackRec = p.records.get(ks.trackStack);
        }
        continue;
      }
      if (to === p.state) continue;
      const a = ks.trackTime;
      const rec = ks.trackRec!;
      const stack = ks.trackStack;
      ks.trackStack = null;
      ks.trackRec = null;
      if (g.mayReturn && t - a > 0) {
        ks.life ??= { added: new Map(), whole: new Map() };
        addTo(ks.life.whole, rec, stack, seq, 1, t - a);
      }
      if (g.start === 0) {
        (ks.waiting ??= []).push([rec, stack, a, t, seq]);
        continue;
      }
      const d = overlap(g.start, g.end === 0 ? Infinity : g.end, a, t);
      if (d > 0) {
        add(rec, stack, seq, 1, d);
        if (g.mayReturn) addTo(ks.life!.added, rec, stack, seq, 1, d);
      }
    }
  }

  /** Go's Summarizer for the fields the clip needs; returns the goroutine's entry after the event. */
  private summarise(id: number, from: GoState, to: GoState, reason: string, t: number): Goroutine | undefined {
    let g = this.gs.get(id);
    if (from === GoState.Undetermined || from === GoState.NotExist) {
      const fresh: Goroutine = {
        start: 0,
        end: 0,
        mayReturn: from === GoState.Undetermined || to === GoState.Syscall,
        perKind: [newKindState(), newKindState(), newKindState(), newKindState()],
      };
      if (g !== undefined) this.newLife(g, fresh);
      g = fresh;
      this.gs.set(id, g);
    }
    if (g === undefined) return undefined;
    if (to === GoState.Running && g.start === 0) {
      g.start = t;
      // Intervals that ended before this first run lie wholly before StartTime.
      for (const ks of g.perKind) ks.waiting = null;
    } else if (to === GoState.NotExist || (to === GoState.Waiting && reason === 'forever')) {
      g.end = t;
      if (to === GoState.NotExist && !g.mayReturn && g.start !== 0) this.gs.delete(id);
    }
    return g;
  }

  /** A goroutine ID seen again after its goroutine ended: Go's summary forgets the old life. */
  private newLife(old: Goroutine, fresh: Goroutine): void {
    for (let k = 0; k < 4; k++) {
      const ks = old.perKind[k];
      const nks = fresh.perKind[k];
      // Go's tracking is by ID, across lives.
      nks.trackTime = ks.trackTime;
      nks.trackStack = ks.trackStack;
      nks.trackRec = ks.trackRec;
      const earlier: Sums = ks.earlier ?? new Map();
      if (ks.life !== null) {
        // (The record keeps the stack of an undone interval if that was its last: not undone.)
        for (const [rec, s] of ks.life.added) {
          rec.count -= s.count;
          rec.time -= s.time;
        }
        for (const [rec, s] of ks.life.whole) addTo(earlier, rec, s.stack, s.at, s.count, s.time);
      } else if (ks.waiting !== null) {
        // A life that could not return keeps no sums: its waiting intervals are all it had unadded.
        for (const [rec, stack, a, b, at] of ks.waiting) addTo(earlier, rec, stack, at, 1, b - a);
      }
      if (earlier.size > 0) nks.earlier = earlier;
    }
  }

  finish(): Record<ProfileKind, ProfileRecord[]> {
    for (const g of this.gs.values()) {
      const end = g.end === 0 ? this.lastTime : g.end;
      for (let k = 0; k < 4; k++) {
        const ks = g.perKind[k];
        if (g.start !== 0) continue;
        for (const [rec, stack, a, b, at] of ks.waiting ?? []) {
          const d = overlap(0, end, a, b);
          if (d > 0) add(rec, stack, at, 1, d);
        }
        for (const [rec, s] of ks.earlier ?? []) add(rec, s.stack, s.at, s.count, s.time);
      }
    }
    this.gs.clear();
    const out = {} as Record<ProfileKind, ProfileRecord[]>;
    profileKinds.forEach((kind, k) => (out[kind] = this.profiles[k].records.records()));
    return out;
  }
}

/** All four profiles of a trace in one pass. */
export function blockingProfilesOf(bytes: Uint8Array): Record<ProfileKind, ProfileRecord[]> {
  const bp = new BlockingProfiles();
  const r = new Reader(bytes);
  for (let ev = r.next(); ev !== null; ev = r.next()) bp.event(ev);
  return bp.finish();
}

/** One profile of a trace, as go tool trace -pprof=kind computes it. */
export function profileRecordsOf(bytes: Uint8Array, kind: ProfileKind): ProfileRecord[] {
  return blockingProfilesOf(bytes)[kind];
}

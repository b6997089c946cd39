// Merging the per-P batches of an old-format trace into one stream (Go 1.23's
// oldtrace/order.go and parseEventBatches in oldtrace/parser.go).
//
// Events of one batch are in order (one P wrote them); the merge takes the first unmerged
// event of every P (the frontier), keeps those that are ready (their goroutine is in the
// state the event expects, with the expected sequence number), and merges the earliest.
// This gives a consistent stream even where timestamps are off.
//
// Go builds the list of Ps from a map, so the order in which Ps enter the frontier, and
// with it the order of equal-time events, is random in Go; here (as in the goldens) Ps
// enter in ascending P order, the CPU-sample pseudo-P last, as Go appends it. From there
// the steps are Go's exactly, down to the swaps in the list of available Ps and the heap.

import { TraceError } from '../errors.ts';
import { sortFunc } from '../sort.ts';
import type { BigValues } from '../wire.ts';
import { OldEv, OldEvent, OldEvents, ProfileP, cmpI64 } from './events.ts';

/** What the merge reads batches from (the parser). */
export interface BatchLoader {
  /** The Ps that wrote batches, in the order they enter the merge. */
  pids(): number[];
  /** Loads P pid's next batch into buf: the number of events, or -1 if there is none. */
  loadBatch(pid: number, buf: OldEvent[]): number;
}

// Goroutine states of the merge (Go's gStatus).
const gDead = 0;
const gRunnable = 1;
const gRunning = 2;
const gWaiting = 3;

// Wire numbers of Go's markers: ^0 and ^0-1.
const unordered = -1; // an event with no ordering requirement
const garbage = -2; // the pseudo-goroutine of GC sequence numbers
const noseq = -1; // ready whatever the sequence number
const seqinc = -2; // the sequence number goes up by one

interface GState {
  seq: number;
  status: number;
}

const zeroState: GState = { seq: 0, status: gDead };

// The result registers of stateTransition (no allocation per event).
const st = { g: 0, initSeq: 0, initStatus: 0, nextSeq: 0, nextStatus: 0 };

/**
 * The goroutine an event orders against, the state it needs to be ready (init) and the
 * state after it (next) (Go's stateTransition).
 */
function stateTransition(ev: OldEvent, big: BigValues): void {
  switch (ev.typ) {
    case OldEv.GoCreate:
      set(ev.a0, 0, gDead, 1, gRunnable);
      return;
    case OldEv.GoWaiting:
    case OldEv.GoInSyscall:
      set(ev.g, 1, gRunnable, 2, gWaiting);
      return;
    case OldEv.GoStart:
    case OldEv.GoStartLabel:
      set(ev.g, ev.a1, gRunnable, inc(ev.a1, big), gRunning);
      return;
    case OldEv.GoStartLocal:
      // Emitted on the P of the GoCreate/GoUnblock it follows, which is merged already.
      set(ev.g, noseq, gRunnable, seqinc, gRunning);
      return;
    case OldEv.GoBlock: case OldEv.GoBlockSend: case OldEv.GoBlockRecv: case OldEv.GoBlockSelect:
    case OldEv.GoBlockSync: case OldEv.GoBlockCond: case OldEv.GoBlockNet: case OldEv.GoSleep:
    case OldEv.GoSysBlock: case OldEv.GoBlockGC:
      set(ev.g, noseq, gRunning, noseq, gWaiting);
      return;
    case OldEv.GoSched:
    case OldEv.GoPreempt:
      set(ev.g, noseq, gRunning, noseq, gRunnable);
      return;
    case OldEv.GoUnblock:
    case OldEv.GoSysExit:
      set(ev.a0, ev.a1, gWaiting, inc(ev.a1, big), gRunnable);
      return;
    case OldEv.GoUnblockLocal:
    case OldEv.GoSysExitLocal:
      set(ev.a0, noseq, gWaiting, seqinc, gRunnable);
      return;
    case OldEv.GCStart:
      set(garbage, ev.a0, gDead, inc(ev.a0, big), gDead);
      return;
    default:
      set(unordered, 0, 0, 0, 0);
  }
}

function set(g: number, initSeq: number, initStatus: number, nextSeq: number, nextStatus: number): void {
  st.g = g;
  st.initSeq = initSeq;
  st.initStatus = initStatus;
  st.nextSeq = nextSeq;
  st.nextStatus = nextStatus;
}

// uint64 x + 1, wrapping (2^64-1 reads as -1, so -1 + 1 = 0 is right).
function inc(x: number, big: BigValues): number {
  if (Number.isInteger(x) && x < 9007199254740991) return x + 1;
  return big.fromUint64(BigInt.asUintN(64, big.uint64(x) + 1n));
}

function transitionReady(g: number, curr: GState, initSeq: number, initStatus: number): boolean {
  return g === unordered || ((initSeq === noseq || initSeq === curr.seq) && initStatus === curr.status);
}

/** One P of the merge (Go's proc): the rest of its current batch. */
interface Proc {
  pid: number;
  buf: OldEvent[];
  head: number;
  count: number;
  done: boolean;
  /** Its event in the frontier (each P has at most one there). */
  ev: OldEvent;
}

/**
 * Merges every P's batches, and the CPU samples, into one stream (Go's parseEventBatches
 * up to its sortedness check). `cpuSamples` are sorted here by their own timestamps.
 */
export function mergeBatches(src: BatchLoader, cpuSamples: OldEvent[], big: BigValues): OldEvents {
  // Samples were written when the profiler's buffer was drained: sort them by the time the
  // signal handler took (slices.SortFunc; samples with equal times tie as in Go's pdqsort).
  sortSamples(cpuSamples, big);

  const none = new OldEvent();
  const allProcs: Proc[] = src.pids().map((pid) => ({ pid, buf: [], head: 0, count: 0, done: false, ev: none }));
  allProcs.push({ pid: ProfileP, buf: cpuSamples, head: 0, count: cpuSamples.length, done: false, ev: none });

  const events = new OldEvents();
  const gs = new Map<number, GState>();
  // A heap, although only the earliest ready event is needed: each event's transition is
  // computed once, when it enters, and most rounds look at one P only.
  const frontier: Proc[] = [];
  const less = (a: Proc, b: Proc): boolean => {
    const x = a.ev.ts;
    const y = b.ev.ts;
    return Number.isInteger(x) && Number.isInteger(y) ? x < y : cmpI64(x, y, big) < 0;
  };

  // The Ps not in the frontier; only the first nAvail entries count (the array is a fixed
  // list of all Ps, reordered by Go's swaps).
  const available = allProcs.slice();
  let nAvail = available.length;
  for (;;) {
    pidLoop: for (let i = 0; i < nAvail; i++) {
      const proc = available[i];
      while (proc.head === proc.count) {
        // Batches can be empty, hence the loop.
        const n = src.loadBatch(proc.pid, proc.buf);
        if (n < 0) {
          proc.done = true;
          available[i] = available[nAvail - 1];
          available[nAvail - 1] = proc;
          nAvail--;
          // Look at index i again: it now holds another P.
          i--;
          continue pidLoop;
        }
        proc.head = 0;
        proc.count = n;
      }
      const ev = proc.buf[proc.head];
      stateTransition(ev, big);
      if (!transitionReady(st.g, gs.get(st.g) ?? zeroState, st.initSeq, st.initStatus)) continue;
      proc.head++;
      available[i] = available[nAvail - 1];
      available[nAvail - 1] = proc;
      nAvail--;
      proc.ev = ev;
      heapPush(frontier, proc, less);
      i--;
    }

    if (frontier.length === 0) {
      for (const p of allProcs) if (!p.done) throw new TraceError('no consistent ordering of events possible');
      break;
    }
    const proc = heapPop(frontier, less);
    const ev = proc.ev;
    // The transition again (a pure function): cheaper than keeping it in the frontier.
    stateTransition(ev, big);
    const { g, initSeq, initStatus, nextStatus } = st;
    let nextSeq = st.nextSeq;
    // "Local" events only serve the ordering.
    switch (ev.typ) {
      case OldEv.GoStartLocal: ev.typ = OldEv.GoStart; break;
      case OldEv.GoUnblockLocal: ev.typ = OldEv.GoUnblock; break;
      case OldEv.GoSysExitLocal: ev.typ = OldEv.GoSysExit; break;
    }
    events.push(ev);
    if (g !== unordered) {
      let curr = gs.get(g);
      if (curr === undefined) gs.set(g, (curr = { seq: 0, status: gDead }));
      // Possible only for broken traces: a ready event made unready by an earlier one.
      if (!transitionReady(g, curr, initSeq, initStatus)) throw new TraceError('encountered impossible goroutine state transition');
      if (nextSeq === noseq) nextSeq = curr.seq;
      else if (nextSeq === seqinc) nextSeq = inc(curr.seq, big);
      curr.seq = nextSeq;
      curr.status = nextStatus;
    }
    available[nAvail++] = proc;
  }
  return events;
}

// Go's slices.SortFunc by timestamp (pdqsort, ported in ../sort.ts).
function sortSamples(samples: OldEvent[], big: BigValues): void {
  sortFunc(samples, (a, b) => cmpI64(a.ts, b.ts, big));
}

// The heap of Go's orderEventList (its own heapUp/heapDown, not container/heap).
function heapPush(h: Proc[], x: Proc, less: (a: Proc, b: Proc) => boolean): void {
  h.push(x);
  let j = h.length - 1;
  for (;;) {
    const i = Math.trunc((j - 1) / 2); // parent (Go's integer division truncates)
    if (i === j || !less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    j = i;
  }
}

function heapPop(h: Proc[], less: (a: Proc, b: Proc) => boolean): Proc {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n], h[0]];
  let i = 0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2], h[j1])) j = j2;
    if (!less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    i = j;
  }
  return h.pop()!;
}

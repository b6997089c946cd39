// The consistency check of a merged old-format trace (Go 1.23's postProcessTrace in
// oldtrace/parser.go): a P runs one goroutine at a time, a goroutine is blocked before it
// is unblocked, GC and STW phases nest properly, tasks and regions match. The first
// violation fails the whole trace, with Go's message. On the way it fills in what the
// conversion needs: GC events move to the GC pseudo-P, network unblocks to the netpoll
// pseudo-P, a goroutine's first GoStart gets the stack of its creation, and stack IDs
// of stacks that do not exist become 0.

import { TraceError } from '../errors.ts';
import { goQuote } from '../format.ts';
import { fmtInt64, fmtUint64, type BigValues } from '../wire.ts';
import { GCP, NetpollP, TimerP, OldEv, OldEvents, oldEventDescs, oldEventString, toUint32 } from './events.ts';

const gDead = 0;
const gRunnable = 1;
const gRunning = 2;
const gWaiting = 3;

/** A goroutine (Go's gdesc): what the checks need of it. */
interface GDesc {
  state: number;
  /** Type of its last state-changing event (Go's g.ev), -1 for none. */
  evType: number;
  /** The new-stack argument of its GoCreate, until it first starts (Go's evCreate). */
  createStack: number;
  hasCreate: boolean;
  markAssist: boolean;
}

/** A P (Go's pdesc). */
interface PDesc {
  running: boolean;
  g: number;
  sweep: boolean;
}

const newG = (): GDesc => ({ state: gDead, evType: -1, createStack: 0, hasCreate: false, markAssist: false });
const newP = (): PDesc => ({ running: false, g: 0, sweep: false });

/** Checks the trace in read order and fills in P moves and stacks (see the file comment). */
export function postProcess(events: OldEvents, order: Int32Array | null, stacks: Map<number, number[]>, big: BigValues): void {
  // Go reads a missing map entry as a zero value and writes every value back, so an entry
  // exists once an event has touched it: get() returns a fresh value, put() stores it.
  const gs = new Map<number, GDesc>();
  const ps = new Map<number, PDesc>();
  const getG = (id: number): GDesc => gs.get(id) ?? newG();
  const getP = (id: number): PDesc => ps.get(id) ?? newP();
  const tasks = new Map<number, number>(); // task ID -> index of its creation event
  const activeRegions = new Map<number, number[]>(); // goroutine -> stack of region-start event indices
  gs.set(0, { ...newG(), state: gRunning });
  let inGC = false;
  let inSTW = false;

  const str = (i: number): string => goQuote(oldEventString(events, i, big));
  const time = (i: number): string => fmtInt64(events.ts(i), big);
  const checkRunning = (p: PDesc, g: GDesc, i: number, allowG0: boolean): void => {
    const name = oldEventDescs[events.typ(i)].name;
    const gid = events.g(i);
    if (g.state !== gRunning) throw new TraceError(`g ${fmtUint64(gid, big)} is not running while ${name} (time ${time(i)})`);
    if (p.g !== gid) throw new TraceError(`p ${events.p(i)} is not running g ${fmtUint64(gid, big)} while ${name} (time ${time(i)})`);
    if (!allowG0 && gid === 0) throw new TraceError(`g 0 did ${name} (time ${time(i)})`);
  };

  const n = events.n;
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k];
    const typ = events.typ(i);
    const gid = events.g(i);
    const pid = events.p(i);
    switch (typ) {
      case OldEv.ProcStart: {
        const p = getP(pid);
        if (p.running) throw new TraceError(`p ${pid} is running before start (time ${time(i)})`);
        p.running = true;
        ps.set(pid, p);
        break;
      }
      case OldEv.ProcStop: {
        const p = getP(pid);
        if (!p.running) throw new TraceError(`p ${pid} is not running before stop (time ${time(i)})`);
        if (p.g !== 0) throw new TraceError(`p ${pid} is running a goroutine ${fmtUint64(p.g, big)} during stop (time ${time(i)})`);
        p.running = false;
        ps.set(pid, p);
        break;
      }
      case OldEv.GCStart:
        if (inGC) throw new TraceError(`previous GC is not ended before a new one (time ${time(i)})`);
        inGC = true;
        // Attributed to the global GC state.
        events.setP(i, GCP);
        break;
      case OldEv.GCDone:
        if (!inGC) throw new TraceError(`bogus GC end (time ${time(i)})`);
        inGC = false;
        break;
      case OldEv.STWStart:
        if (inSTW) throw new TraceError(`previous STW is not ended before a new one (time ${time(i)})`);
        inSTW = true;
        break;
      case OldEv.STWDone:
        if (!inSTW) throw new TraceError(`bogus STW end (time ${time(i)})`);
        inSTW = false;
        break;
      case OldEv.GCSweepStart: {
        const p = getP(pid);
        if (p.sweep) throw new TraceError(`previous sweeping is not ended before a new one (time ${time(i)})`);
        p.sweep = true;
        ps.set(pid, p);
        break;
      }
      case OldEv.GCMarkAssistStart: {
        const g = getG(gid);
        if (g.markAssist) throw new TraceError(`previous mark assist is not ended before a new one (time ${time(i)})`);
        g.markAssist = true;
        gs.set(gid, g);
        break;
      }
      case OldEv.GCMarkAssistDone: {
        // A mark assist may be in progress when tracing starts: no error.
        const g = getG(gid);
        g.markAssist = false;
        gs.set(gid, g);
        break;
      }
      case OldEv.GCSweepDone: {
        const p = getP(pid);
        if (!p.sweep) throw new TraceError(`bogus sweeping end (time ${time(i)})`);
        p.sweep = false;
        ps.set(pid, p);
        break;
      }
      case OldEv.GoWaiting:
      case OldEv.GoInSyscall: {
        const g = getG(gid);
        if (g.state !== gRunnable) {
          const name = typ === OldEv.GoWaiting ? 'EvGoWaiting' : 'EvGoInSyscall';
          throw new TraceError(`g ${fmtUint64(gid, big)} is not runnable before ${name} (time ${time(i)})`);
        }
        g.state = gWaiting;
        g.evType = typ;
        gs.set(gid, g);
        break;
      }
      case OldEv.GoCreate: {
        checkRunning(getP(pid), getG(gid), i, true);
        const child = events.arg(i, 0);
        if (gs.has(child)) throw new TraceError(`g ${fmtUint64(child, big)} already exists (time ${time(i)})`);
        gs.set(child, { state: gRunnable, evType: typ, createStack: events.arg(i, 1), hasCreate: true, markAssist: false });
        break;
      }
      case OldEv.GoStart:
      case OldEv.GoStartLabel: {
        const g = getG(gid);
        const p = getP(pid);
        if (g.state !== gRunnable) throw new TraceError(`g ${fmtUint64(gid, big)} is not runnable before start (time ${time(i)})`);
        if (p.g !== 0) {
          throw new TraceError(`p ${pid} is already running g ${fmtUint64(p.g, big)} while start g ${fmtUint64(gid, big)} (time ${time(i)})`);
        }
        g.state = gRunning;
        p.g = gid;
        if (g.hasCreate) {
          events.setStk(i, toUint32(g.createStack, big));
          g.hasCreate = false;
        }
        g.evType = -1;
        gs.set(gid, g);
        ps.set(pid, p);
        break;
      }
      case OldEv.GoEnd:
      case OldEv.GoStop: {
        const g = getG(gid);
        const p = getP(pid);
        checkRunning(p, g, i, false);
        g.state = gDead;
        p.g = 0;
        // A goroutine's end closes its regions.
        if (typ === OldEv.GoEnd) activeRegions.delete(gid);
        gs.set(gid, g);
        ps.set(pid, p);
        break;
      }
      case OldEv.GoSched:
      case OldEv.GoPreempt: {
        const g = getG(gid);
        const p = getP(pid);
        checkRunning(p, g, i, false);
        g.state = gRunnable;
        p.g = 0;
        g.evType = typ;
        gs.set(gid, g);
        ps.set(pid, p);
        break;
      }
      case OldEv.GoUnblock: {
        const g = getG(gid);
        const p = getP(pid);
        if (g.state !== gRunning) throw new TraceError(`g ${fmtUint64(gid, big)} is not running while unpark (time ${time(i)})`);
        if (pid !== TimerP && p.g !== gid) {
          throw new TraceError(`p ${pid} is not running g ${fmtUint64(gid, big)} while unpark (time ${time(i)})`);
        }
        const target = events.arg(i, 0);
        const g1 = getG(target);
        if (g1.state !== gWaiting) throw new TraceError(`g ${fmtUint64(target, big)} is not waiting before unpark (time ${time(i)})`);
        if (g1.evType === OldEv.GoBlockNet) events.setP(i, NetpollP);
        g1.state = gRunnable;
        g1.evType = typ;
        gs.set(target, g1);
        break;
      }
      case OldEv.GoSysCall: {
        const g = getG(gid);
        checkRunning(getP(pid), g, i, false);
        g.evType = typ;
        gs.set(gid, g);
        break;
      }
      case OldEv.GoSysBlock: {
        const g = getG(gid);
        const p = getP(pid);
        checkRunning(p, g, i, false);
        g.state = gWaiting;
        p.g = 0;
        gs.set(gid, g);
        ps.set(pid, p);
        break;
      }
      case OldEv.GoSysExit: {
        const g = getG(gid);
        if (g.state !== gWaiting) throw new TraceError(`g ${fmtUint64(gid, big)} is not waiting during syscall exit (time ${time(i)})`);
        g.state = gRunnable;
        g.evType = typ;
        gs.set(gid, g);
        break;
      }
      case OldEv.GoSleep: case OldEv.GoBlock: case OldEv.GoBlockSend: case OldEv.GoBlockRecv:
      case OldEv.GoBlockSelect: case OldEv.GoBlockSync: case OldEv.GoBlockCond: case OldEv.GoBlockNet:
      case OldEv.GoBlockGC: {
        const g = getG(gid);
        const p = getP(pid);
        checkRunning(p, g, i, false);
        g.state = gWaiting;
        g.evType = typ;
        p.g = 0;
        gs.set(gid, g);
        ps.set(pid, p);
        break;
      }
      case OldEv.UserTaskCreate: {
        const id = events.arg(i, 0);
        const prev = tasks.get(id);
        if (prev !== undefined) throw new TraceError(`task id conflicts (id:${fmtUint64(id, big)}), ${str(i)} vs ${str(prev)}`);
        tasks.set(id, i);
        break;
      }
      case OldEv.UserTaskEnd:
        tasks.delete(events.arg(i, 0));
        break;
      case OldEv.UserRegion: {
        const mode = events.arg(i, 1);
        const regions = activeRegions.get(gid);
        if (mode === 0) {
          if (regions === undefined) activeRegions.set(gid, [i]);
          else regions.push(i);
        } else if (mode === 1) {
          // Without a start in the trace, the region began before tracing did.
          if (regions !== undefined && regions.length > 0) {
            const s = regions[regions.length - 1];
            if (events.arg(s, 0) !== events.arg(i, 0) || events.arg(s, 2) !== events.arg(i, 2)) {
              throw new TraceError(
                `misuse of region in goroutine ${fmtUint64(gid, big)}: span end ${str(i)} when the inner-most active span start event is ${str(s)}`,
              );
            }
            regions.pop();
            if (regions.length === 0) activeRegions.delete(gid);
          }
        } else {
          throw new TraceError(`invalid user region mode: ${str(i)}`);
        }
        break;
      }
    }
    // No event may name a stack that does not exist or has no frames.
    const stk = events.stk(i);
    if (stk !== 0 && !stacks.has(stk)) events.setStk(i, 0);
  }
}

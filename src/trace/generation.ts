// Generations: everything the runtime wrote in one tracing period (about a second). A
// generation is self-contained, so the reader buffers one whole generation, builds its
// string, stack and CPU-sample tables and its clock, and only then orders its events.
// Memory is bounded by the largest generation, not by the file. Port of Go's
// generation.go: Go 1.27's (a generation ends at the first batch of the next one before
// Go 1.26, at its end-of-generation byte from Go 1.26 on; the frequency and, from Go 1.25,
// the clock snapshot come in a sync batch), and Go 1.23's where the reader reads as it.

import { isEndOfGeneration, readBatch, rb, NeedMore, EndOfInput, type Batch } from './batch.ts';
import { TraceError, isGoEOF } from './errors.ts';
import { decodeGoString } from './format.ts';
import { sortFunc } from './sort.ts';
import { Ev, MaxFramesPerStack, MaxStringSize, NoExperiment, idArgSlots, readerSpecs, type EventSpec, type Experiment, type IDArgSlots } from './spec.ts';
import { timeCompare, type TimeBase } from './time.ts';
import { Version, type ReadAs } from './version.ts';
import {
  BigValues, readUvarint, readUvarintErrorText, uv, UvarintOK, fmtUint64, hexUint64, uint64ToFloat, uint64Exceeds,
} from './wire.ts';

/** One stack frame as stored in a generation: string IDs, not strings. */
export interface Frame {
  pc: number;
  funcID: number;
  fileID: number;
  line: number;
}

/**
 * An ID -> value table (Go's dataTable). ID 0 always resolves, to the zero value. Dense
 * IDs are moved into an array once loading is done.
 */
export class DataTable<T> {
  private sparse: Map<number, T> | null = new Map();
  private dense: (T | undefined)[] | null = null;
  private readonly zero: T;
  constructor(zero: T) {
    this.zero = zero;
  }

  /** Adds id; returns the existing value if the id is taken (0 always is). */
  insert(id: number, data: T): T | undefined {
    const existing = this.get(id);
    if (existing !== undefined) return existing;
    this.sparse!.set(id, data);
    return undefined;
  }

  /** Adds `data` under the next ID (Go's dataTable.append, for events made by hand). */
  append(data: T): number {
    this.sparse ??= new Map();
    const id = this.sparse.size + 1;
    this.sparse.set(id, data);
    return id;
  }

  compactify(): void {
    const sp = this.sparse;
    if (sp === null || sp.size === 0) return;
    let max = 0;
    for (const id of sp.keys()) {
      if (!(id > 0 && Number.isInteger(id))) return;
      if (id > max) max = id;
    }
    if (max > 2 * sp.size + 64) return;
    const d: (T | undefined)[] = new Array(max + 1).fill(undefined);
    for (const [id, v] of sp) d[id] = v;
    this.dense = d;
    this.sparse = null;
  }

  get(id: number): T | undefined {
    if (id === 0) return this.zero;
    if (this.dense !== null) return id > 0 && id < this.dense.length ? this.dense[id] : undefined;
    return this.sparse!.get(id);
  }

  /** Every (id, value), ascending where dense. */
  forEach(f: (id: number, v: T) => boolean): void {
    if (this.dense !== null) {
      for (let i = 0; i < this.dense.length; i++) {
        const v = this.dense[i];
        if (v !== undefined && !f(i, v)) return;
      }
      return;
    }
    for (const [id, v] of this.sparse!) if (!f(id, v)) return;
  }
}

/** A CPU profile sample, attached to the generation it was written in. */
export interface CpuSample {
  m: number;
  p: number;
  g: number;
  /** Relative time (see time.ts), set once the generation's frequency is known. */
  ts: number;
  ticks: number;
  stack: number;
}

/** A raw batch of an experiment's side data. */
export interface ExperimentalBatch {
  /** The thread that wrote it. */
  thread: number;
  /** The unparsed bytes. */
  data: Uint8Array;
}

/** Go 1.25+ per-generation clock snapshot, from the Sync batch. */
export interface ClockSnapshotData {
  /** Trace clock ticks of the snapshot (wire number); Go's Time is `float64(ticks) * ns per tick`. */
  ticks: number;
  /** Runtime monotonic clock (ns), wire number. */
  mono: number;
  /** Wall clock seconds and nanoseconds since the Unix epoch, wire numbers. */
  sec: number;
  nsec: number;
}

/**
 * The per-generation data needed to interpret an event (Go's evTable). Events keep a
 * reference to it; it holds no batch payloads, so holding events does not hold the bytes.
 */
export class EvTable {
  /** ns per tick (Go's frequency); 0 until known. */
  freq = 0;
  readonly strings = new DataTable<string>('');
  readonly stacks = new DataTable<number[]>([]);
  readonly pcs = new Map<number, Frame>();
  /** Strings made while parsing (task names carried across generations). */
  readonly extraStrings: string[] = [];
  private readonly extraStringIDs = new Map<string, number>();
  expBatches: Map<Experiment, ExperimentalBatch[]> | null = null;
  clockSnapshot: ClockSnapshotData | null = null;
  gen = 0;
  /** Where each event type keeps stack and string IDs (for validating events). */
  readonly idSlots: IDArgSlots;

  readonly version: number;

  readonly specs: readonly (EventSpec | undefined)[];

  readonly big: BigValues;

  readonly timeBase: TimeBase;

  /** The Go release whose reader read this (for Event.toString()). */
  readonly readAs: ReadAs;

  constructor(version: number, specs: readonly (EventSpec | undefined)[], big: BigValues, timeBase: TimeBase, readAs: ReadAs = 'go1.27') {
    this.version = version;
    this.specs = specs;
    this.big = big;
    this.timeBase = timeBase;
    this.readAs = readAs;
    this.idSlots = idArgSlots(specs);
  }

  addExtraString(s: string): number {
    if (s === '') return 0;
    let id = this.extraStringIDs.get(s);
    if (id === undefined) {
      this.extraStrings.push(s);
      id = this.extraStrings.length;
      this.extraStringIDs.set(s, id);
    }
    return id;
  }

  getExtraString(id: number): string {
    return id === 0 ? '' : this.extraStrings[id - 1];
  }
}

/** One generation: its tables plus the event batches of each thread. */
export class Generation {
  gen = 0;
  readonly batches = new Map<number, Batch[]>();
  /** Threads in the order their first batch appears (the merge order of newer Go). */
  readonly batchMs: number[] = [];
  cpuSamples: CpuSample[] = [];
  /** Smallest batch header time (ticks, wire number); 0 if none. */
  minTs = 0;
  /** Bytes of event batches, for statistics. */
  bytes = 0;
  /** A read error after this generation's data; reported once it has been consumed (Go's spillErr). */
  pendingError: TraceError | null = null;

  readonly table: EvTable;

  constructor(table: EvTable) {
    this.table = table;
  }
}

/** The bytes the generation reader reads from: a window onto the input. */
export interface ByteWindow {
  buf: Uint8Array;
  pos: number;
  end: number;
  /** No more bytes will come after `end`. */
  final: boolean;
  /** File offset of buf[0]. */
  base: number;
}

/**
 * Reads one generation at a time (Go's readGeneration and readGenerationWithSpill). It can
 * stop in the middle of a generation when the input runs dry and resume where it stopped
 * once more bytes arrive, so the streaming reader never re-reads.
 */
export class GenerationReader {
  private cur: Generation | null = null;
  /** The last generation returned ended at a batch of the next one (Go's spill): there is more to read. */
  hasSpill = false;
  /** Set when the input ended in a way Go's reader takes for a clean end (see isGoEOF). */
  endedEarly: TraceError | null = null;
  private readonly specs: readonly (EventSpec | undefined)[];

  readonly version: number;

  private readonly big: BigValues;

  private readonly timeBase: TimeBase;

  private readonly readAs: ReadAs;

  constructor(version: number, big: BigValues, timeBase: TimeBase, readAs: ReadAs = 'go1.27') {
    this.version = version;
    this.big = big;
    this.timeBase = timeBase;
    this.readAs = readAs;
    this.specs = readerSpecs(readAs);
  }

  /**
   * Reads the next generation from `w`. Returns it, NeedMore (resume with more bytes) or
   * EndOfInput (Go 1.26+ only: no further generation). Throws TraceError.
   */
  read(w: ByteWindow): Generation | typeof NeedMore | typeof EndOfInput {
    this.cur ??= new Generation(new EvTable(this.version, this.specs, this.big, this.timeBase, this.readAs));
    const g = this.version >= Version.Go126 ? this.readToEnd(w, this.cur) : this.readWithSpill(w, this.cur);
    if (g === NeedMore || g === EndOfInput) return g;
    finishGeneration(g, this.version, this.big, this.timeBase);
    return g;
  }

  // Go's readGenerationWithSpill (before Go 1.26): a generation ends at the first batch of
  // the next one, left in the input for the next call (Go's spilled batch), or at the end
  // of the input. A batch that cannot be read once the generation has begun ends it too:
  // its error comes after the generation's events (pendingError).
  private readWithSpill(w: ByteWindow, g: Generation): Generation | typeof NeedMore {
    let spill = false;
    for (;;) {
      const b = readBatch(w.buf, w.pos, w.end, w.final, w.base, this.readAs, this.big);
      if (b === NeedMore) return NeedMore;
      if (b === EndOfInput) break;
      if (b === null) {
        const err = rb.error!;
        const te = new TraceError(err.message, { offset: err.offset, generation: g.gen || undefined });
        w.pos = w.end;
        if (isGoEOF(err.message)) {
          // A bare io.EOF (an ExperimentalBatch byte with nothing after it), which Go takes
          // for the end of the input. Note it, so the reader can tell that the trace ends early.
          this.endedEarly = te;
          break;
        }
        if (g.gen !== 0) {
          g.pendingError = te;
          break;
        }
        throw te;
      }
      if (b.gen === 0) throw new TraceError('invalid generation number 0', { offset: b.offset });
      if (g.gen === 0) {
        g.gen = b.gen;
        g.table.gen = b.gen;
      }
      if (b.gen === g.gen + 1) {
        // The first batch of the next generation: leave it for the next call.
        spill = true;
        break;
      }
      if (b.gen !== g.gen) throw new TraceError('generations out of order', { offset: b.offset, generation: g.gen });
      w.pos = rb.pos;
      if (g.minTs === 0 || lessUint64(b.time, g.minTs, this.big)) g.minTs = b.time;
      processBatch(g, b, this.version, this.big, this.readAs);
    }
    this.cur = null;
    this.hasSpill = spill;
    return g;
  }

  // Go 1.27's readGeneration (Go 1.26 traces): a generation ends at its end-of-generation
  // byte. The input may end only between generations: if it ends after a thread's batch, the
  // generation is incomplete; if before any (structural batches only), the trace is over.
  private readToEnd(w: ByteWindow, g: Generation): Generation | typeof NeedMore | typeof EndOfInput {
    for (;;) {
      const b = readBatch(w.buf, w.pos, w.end, w.final, w.base, this.readAs, this.big);
      if (b === NeedMore) return NeedMore;
      if (b === EndOfInput || (b === null && isGoEOF(rb.error!.message))) {
        if (b === null) this.endedEarly = new TraceError(rb.error!.message, { offset: rb.error!.offset, generation: g.gen || undefined });
        w.pos = w.end;
        if (g.batches.size !== 0) {
          throw new TraceError('incomplete generation found; trace likely truncated', { offset: w.base + w.pos, generation: g.gen });
        }
        // A generation begun (its clock batch read) and never ended: the runtime writes that batch
        // when a generation starts, and its end marker only when the generation is flushed, at the
        // next one or at trace.Stop. Go's reader ends here without a word; the trace is incomplete
        // all the same (the program exited before trace.Stop), so say so to whoever asks.
        if (g.gen !== 0) {
          this.endedEarly ??= new TraceError('the last generation has no end-of-generation marker: trace.Stop did not run', { offset: w.base + w.pos, generation: g.gen });
        }
        this.cur = null;
        return EndOfInput;
      }
      if (b === null) throw new TraceError(rb.error!.message, { offset: rb.error!.offset, generation: g.gen || undefined });
      w.pos = rb.pos;
      if (g.gen === 0) {
        g.gen = b.gen;
        g.table.gen = b.gen;
      }
      if (isEndOfGeneration(b)) break;
      if (b.gen === 0) throw new TraceError('invalid generation number 0', { offset: b.offset });
      if (b.gen !== g.gen) {
        throw new TraceError('broken trace: missing end-of-generation event, or generations are interleaved', { offset: b.offset, generation: g.gen });
      }
      if (g.minTs === 0 || lessUint64(b.time, g.minTs, this.big)) g.minTs = b.time;
      processBatch(g, b, this.version, this.big, this.readAs);
    }
    this.cur = null;
    return g;
  }
}

function lessUint64(a: number, b: number, big: BigValues): boolean {
  if (a >= 0 && b >= 0 && Number.isInteger(a) && Number.isInteger(b)) return a < b;
  return big.uint64(a) < big.uint64(b);
}

function fail(g: Generation, b: Batch, message: string): never {
  throw new TraceError(message, { offset: b.offset, generation: g.gen });
}

/** Adds one batch to the generation (Go's processBatch). */
export function processBatch(g: Generation, b: Batch, version: number, big: BigValues, readAs: ReadAs = 'go1.27'): void {
  const first = b.exp === NoExperiment && b.data.length > 0 ? b.data[0] : -1;
  if (first === Ev.Strings) addStrings(g, b, big);
  else if (first === Ev.Stacks) addStacks(g, b, big);
  else if (first === Ev.CPUSamples) addCPUSamples(g, b, big);
  else if (first === (version < Version.Go125 ? Ev.Frequency : Ev.Sync)) {
    if (readAs === 'go1.23') parseFreq(g, b, big);
    else setSyncBatch(g, b, version, big);
  } else if (readAs === 'go1.27' && isEndOfGeneration(b)) {
    fail(g, b, 'internal error: unexpectedly processing EndOfGeneration; broken trace?');
  } else if (b.exp !== NoExperiment) {
    const t = g.table;
    if (t.expBatches === null) t.expBatches = new Map();
    let list = t.expBatches.get(b.exp);
    if (list === undefined) t.expBatches.set(b.exp, (list = []));
    list.push({ thread: b.m, data: b.data });
  } else {
    let list = g.batches.get(b.m);
    if (list === undefined) {
      g.batches.set(b.m, (list = []));
      g.batchMs.push(b.m);
    }
    list.push(b);
    g.bytes += b.data.length;
  }
}

// A cursor over a structural batch's payload, reading uvarints the way Go's
// binary.ReadUvarint reads a bytes.Reader (errors are Go's bare io errors).
class PayloadReader {
  pos = 0;
  readonly d: Uint8Array;
  private readonly g: Generation;
  private readonly b: Batch;
  private readonly big: BigValues;
  constructor(d: Uint8Array, g: Generation, b: Batch, big: BigValues) {
    this.d = d;
    this.g = g;
    this.b = b;
    this.big = big;
  }
  get len(): number {
    return this.d.length - this.pos;
  }
  byte(): number {
    return this.d[this.pos++];
  }
  uvarint(wrap?: (msg: string) => string): number {
    const v = readUvarint(this.d, this.pos, this.d.length, this.big);
    if (uv.status !== UvarintOK) {
      const msg = readUvarintErrorText();
      fail(this.g, this.b, wrap ? wrap(msg) : msg);
    }
    this.pos = uv.pos;
    return v;
  }
}

function addStrings(g: Generation, b: Batch, big: BigValues): void {
  const r = new PayloadReader(b.data, g, b, big);
  r.byte(); // EvStrings
  while (r.len !== 0) {
    const ev = r.byte();
    if (ev !== Ev.String) fail(g, b, `expected string event, got ${ev}`);
    const id = r.uvarint();
    const n = r.uvarint();
    if (uint64Exceeds(n, MaxStringSize)) fail(g, b, `invalid string size ${fmtUint64(n, big)}, maximum is ${MaxStringSize}`);
    if (r.len < n) fail(g, b, `failed to read full string: read ${r.len} but wanted ${n}`);
    const s = decodeGoString(b.data, r.pos, r.pos + n);
    r.pos += n;
    const existing = g.table.strings.insert(id, s);
    if (existing !== undefined) {
      fail(g, b, `multiple strings with the same ID: id=${fmtUint64(id, big)}, new=${s}, existing=${existing}`);
    }
  }
}

function stackString(pcs: number[], big: BigValues): string {
  let s = '';
  for (const pc of pcs) s += `\t0x${hexUint64(pc, big)}\n`;
  return s;
}

function addStacks(g: Generation, b: Batch, big: BigValues): void {
  const r = new PayloadReader(b.data, g, b, big);
  const pcsMap = g.table.pcs;
  r.byte(); // EvStacks
  while (r.len !== 0) {
    const ev = r.byte();
    if (ev !== Ev.Stack) fail(g, b, `expected stack event, got ${ev}`);
    const id = r.uvarint();
    const nFrames = r.uvarint();
    if (uint64Exceeds(nFrames, MaxFramesPerStack)) {
      fail(g, b, `invalid stack size ${fmtUint64(nFrames, big)}, maximum is ${MaxFramesPerStack}`);
    }
    const ids = fmtUint64(id, big);
    const frames: number[] = new Array(nFrames);
    for (let i = 0; i < nFrames; i++) {
      const pc = r.uvarint((m) => `reading frame ${i + 1}'s PC for stack ${ids}: ${m}`);
      const funcID = r.uvarint((m) => `reading frame ${i + 1}'s funcID for stack ${ids}: ${m}`);
      const fileID = r.uvarint((m) => `reading frame ${i + 1}'s fileID for stack ${ids}: ${m}`);
      const line = r.uvarint((m) => `reading frame ${i + 1}'s line for stack ${ids}: ${m}`);
      frames[i] = pc;
      if (!pcsMap.has(pc)) pcsMap.set(pc, { pc, funcID, fileID, line });
    }
    const existing = g.table.stacks.insert(id, frames);
    if (existing !== undefined) {
      fail(g, b, `multiple trace.stacks with the same ID: id=${ids}, new=${stackString(frames, big)}, existing=${stackString(existing, big)}`);
    }
  }
}

function addCPUSamples(g: Generation, b: Batch, big: BigValues): void {
  const r = new PayloadReader(b.data, g, b, big);
  r.byte(); // EvCPUSamples
  while (r.len !== 0) {
    const ev = r.byte();
    if (ev !== Ev.CPUSample) fail(g, b, `expected CPU sample event, got ${ev}`);
    const ticks = r.uvarint();
    const m = r.uvarint();
    const p = r.uvarint();
    const gid = r.uvarint();
    const stack = r.uvarint();
    g.cpuSamples.push({ m, p, g: gid === 0 ? -1 : gid, ts: 0, ticks, stack });
  }
}

function nsPerTick(f: number, big: BigValues): number {
  return 1.0 / (uint64ToFloat(f, big) / 1e9);
}

// Go 1.23's parseFreq: the lone Frequency event of a Go 1.22/1.23 trace (anything after it ignored).
function parseFreq(g: Generation, b: Batch, big: BigValues): void {
  const r = new PayloadReader(b.data, g, b, big);
  r.byte(); // EvFrequency
  const f = nsPerTick(r.uvarint(), big);
  if (g.table.freq !== 0) fail(g, b, 'found multiple frequency events');
  g.table.freq = f;
}

// Go 1.27's setSyncBatch: the frequency, and from Go 1.25 a clock snapshot, in a batch of
// their own (before Go 1.25 a lone Frequency event, which is not preceded by a Sync byte).
function setSyncBatch(g: Generation, b: Batch, version: number, big: BigValues): void {
  const r = new PayloadReader(b.data, g, b, big);
  if (version >= Version.Go125) r.byte(); // EvSync
  const t = g.table;
  let lastTs = b.time;
  while (r.len !== 0) {
    const ev = r.byte();
    if (ev === Ev.Frequency) {
      if (t.freq !== 0) fail(g, b, 'found multiple frequency events');
      t.freq = nsPerTick(r.uvarint(), big);
    } else if (ev === Ev.ClockSnapshot && version >= Version.Go125) {
      if (t.clockSnapshot !== null) fail(g, b, 'found multiple clock snapshot events');
      const tdiff = r.uvarint();
      lastTs = big.fromUint64((big.uint64(lastTs) + big.uint64(tdiff)) & 0xffffffffffffffffn);
      const mono = r.uvarint();
      const sec = r.uvarint();
      const nsec = r.uvarint();
      t.clockSnapshot = { ticks: lastTs, mono, sec, nsec };
    } else {
      fail(g, b, `expected frequency or clock snapshot event, got ${ev}`);
    }
  }
}

function finishGeneration(g: Generation, version: number, big: BigValues, tb: TimeBase): void {
  const t = g.table;
  if (t.freq === 0) throw new TraceError('no frequency event found', { generation: g.gen || undefined });
  if (version >= Version.Go125 && t.clockSnapshot === null) {
    throw new TraceError('no clock snapshot event found', { generation: g.gen });
  }
  // Pick the time base from the generation's earliest batch, before any time is converted.
  tb.choose(uint64ToFloat(g.minTs, big) * t.freq);
  t.stacks.compactify();
  t.strings.compactify();
  // Every frame's strings must exist (Go's validateStackStrings).
  let err: string | null = null;
  t.stacks.forEach((id, pcs) => {
    for (const pc of pcs) {
      const f = t.pcs.get(pc);
      if (f === undefined) {
        err = `found unknown pc ${hexUint64(pc, big)} for stack ${fmtUint64(id, big)}`;
        return false;
      }
      if (t.strings.get(f.funcID) === undefined) {
        err = `found invalid func string ID ${fmtUint64(f.funcID, big)} for stack ${fmtUint64(id, big)}`;
        return false;
      }
      if (t.strings.get(f.fileID) === undefined) {
        err = `found invalid file string ID ${fmtUint64(f.fileID, big)} for stack ${fmtUint64(id, big)}`;
        return false;
      }
    }
    return true;
  });
  if (err !== null) throw new TraceError(err, { generation: g.gen });
  for (const s of g.cpuSamples) tb.setProduct(s, uint64ToFloat(s.ticks, big) * t.freq);
  sortFunc(g.cpuSamples, timeCompare);
}

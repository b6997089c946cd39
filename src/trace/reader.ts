// The public reading loop (Go's reader.go): bytes in, ordered events out.
//
// For each generation: buffer it whole (generation.ts), start a cursor on each thread's
// batches in the order the threads first appear (batchcursor.ts), keep the cursors in a
// min-heap by next-event time, and repeatedly offer the earliest event to the ordering
// (order.ts); if it cannot happen yet, sort the frontier and offer the others in time
// order. CPU samples are merged in by time. Every event gets a strictly increasing time.
//
// Sync events follow the Go release the reader reads as (ReaderOptions.readAs). Go 1.27
// opens every generation with one (at the time of its earliest batch) and closes the trace
// with one; one comes before an error reading a generation, and an old-format trace gets one
// before its first event and one after its last. Go 1.23 closes each generation with one and
// gives old-format traces none.
//
// ReaderCore is synchronous and push-fed, so one implementation serves a whole buffer
// (Reader), pushed chunks (StreamReader) and async sources (readEventsAsync); it holds
// only the generation being read.
//
// Old-format traces (Go 1.11–1.21) have no generations: as in Go, the whole file is read
// and converted at once (oldtrace/), so a stream of one is buffered to its end before
// the first event comes out.

import { NeedMore, EndOfInput } from './batch.ts';
import { BatchCursor, argAt, heapInsert, heapRemove, heapUpdate } from './batchcursor.ts';
import { TraceError, isGoEOF } from './errors.ts';
import { Event, evSync } from './event.ts';
import { BigValues, fmtInt64, fmtUint64, uint64ToFloat } from './wire.ts';
import { EvTable, GenerationReader, type ByteWindow, type CpuSample, type Generation } from './generation.ts';
import { OldTraceConverter } from './oldtrace/convert.ts';
import { add64 } from './oldtrace/events.ts';
import { parseOldTrace } from './oldtrace/parser.ts';
import { Ordering } from './order.ts';
import { sortFunc } from './sort.ts';
import { Ev, readerSpecs } from './spec.ts';
import { TimeBase, copyExactTime, isExactTime, timeCompare, timeLess, type Timed } from './time.ts';
import { isOldFormat, readHeader, Version, writtenBy, type ReadAs, type ReaderOptions } from './version.ts';

/** Returned by StreamReader.next() when it needs more bytes (push them, or call end()). */
export const NeedMoreData: unique symbol = Symbol('NeedMoreData');

export class ReaderCore {
  private readonly w: ByteWindow;
  private readonly big = new BigValues();
  private readonly timeBase = new TimeBase();
  private readonly readAs: ReadAs;
  private ver = 0;
  private headerDone = false;
  private genReader: GenerationReader | null = null;
  // Old formats: the input's chunks until it is complete, then the converted trace.
  private oldChunks: Uint8Array[] | null = null;
  private old: OldTraceConverter | null = null;
  private gen: Generation | null = null;
  private frontier: BatchCursor[] = [];
  private cpuSamples: CpuSample[] = [];
  private cpuIdx = 0;
  private readonly order: Ordering;
  /** For Sync events Go makes without a generation's table (the last one, those before an error). */
  private bareTable: EvTable | null = null;
  /** Go 1.23: the Sync closing the generation being read is still to come. */
  private syncDue = false;
  /**
   * Go 1.27: an error reading a generation, reported once a Sync has closed what was read
   * before it (Go's spillErr and readGenErr), and whether that Sync is out (spillErrSync).
   */
  private genErr: TraceError | null = null;
  private genErrSynced = false;
  /**
   * The time of the last event returned (Go's lastTs), absolute 0 before the first: its
   * number, and (if that is not exact) the object holding its exact value (see time.ts),
   * relative to the time base `lastBase`.
   */
  private lastTs = 0;
  private last: Timed = { ts: 0 };
  private lastBase = 0n;
  private syncCount = 0;
  private failed: TraceError | null = null;
  private earlyEnd: TraceError | null = null;
  private done = false;
  private generationsRead = 0;

  constructor(initial?: Uint8Array, final = false, opts: ReaderOptions = {}) {
    this.w = { buf: initial ?? new Uint8Array(0), pos: 0, end: initial?.length ?? 0, final, base: 0 };
    this.readAs = opts.readAs ?? 'go1.27';
    this.order = new Ordering(this.big, this.readAs);
  }

  /** The trace's format version (0 until the header has been read). */
  get version(): number {
    return this.ver;
  }

  /** The Go releases that write this format ("" until the header has been read). */
  get writtenBy(): string {
    return writtenBy(this.ver);
  }

  /** Generations read so far. */
  get generations(): number {
    return this.generationsRead;
  }

  /** See Reader.endedEarly. */
  get endedEarly(): TraceError | null {
    return this.earlyEnd ?? this.genReader?.endedEarly ?? null;
  }

  /** Appends bytes to the input. */
  push(chunk: Uint8Array): void {
    if (this.w.final) throw new Error('push after end');
    const w = this.w;
    if (chunk.length === 0) return;
    if (this.oldChunks !== null) {
      // An old-format trace is read whole: keep the chunks, join them once at the end.
      this.oldChunks.push(chunk.slice());
      return;
    }
    if (w.end + chunk.length > w.buf.length) {
      // Grow into a new buffer holding only unread bytes. Batches of the generation being
      // read keep views of the old buffer, which therefore stays valid for them.
      const live = w.end - w.pos;
      const nb = new Uint8Array(Math.max(2 * (live + chunk.length), 64 * 1024));
      nb.set(w.buf.subarray(w.pos, w.end), 0);
      w.base += w.pos;
      w.buf = nb;
      w.end = live;
      w.pos = 0;
    }
    w.buf.set(chunk, w.end);
    w.end += chunk.length;
  }

  /** Marks the end of the input. */
  end(): void {
    this.w.final = true;
  }

  /** Reads the header if needed; false if more bytes are needed. Throws TraceError. */
  readHeader(): boolean {
    if (this.headerDone) return true;
    const w = this.w;
    const h = readHeader(w.buf.subarray(w.pos, w.end), w.final, this.readAs);
    if (h === null) return false;
    w.pos += h.length;
    this.ver = h.version;
    this.headerDone = true;
    if (isOldFormat(h.version)) {
      if (!w.final) {
        this.oldChunks = [w.buf.slice(w.pos, w.end)];
        w.base += w.pos;
        w.buf = new Uint8Array(0);
        w.pos = w.end = 0;
      }
    } else {
      this.genReader = new GenerationReader(h.version, this.big, this.timeBase, this.readAs);
    }
    return true;
  }

  /** The next event, null at the end, or NeedMoreData. Throws TraceError (again on every later call). */
  next(): Event | null | typeof NeedMoreData {
    if (this.failed !== null) throw this.failed;
    if (this.done) return null;
    try {
      return this.step();
    } catch (e) {
      if (e instanceof TraceError) {
        this.failed = e;
        throw e;
      }
      // Anything else is a bug in this reader; still surface it as a TraceError so callers
      // never see a crash from a broken trace.
      const te = new TraceError(`internal error: ${(e as Error)?.message ?? String(e)}`);
      this.failed = te;
      throw te;
    }
  }

  private step(): Event | null | typeof NeedMoreData {
    const queued = this.order.next();
    if (queued !== null) return this.finish(queued);
    // The common case, kept small: the next event is the earliest thread's (no CPU sample before it).
    const frontier = this.frontier;
    if (frontier.length !== 0 && (this.cpuIdx >= this.cpuSamples.length || !timeLess(this.cpuSamples[this.cpuIdx], frontier[0]))) {
      return this.advanceFrontier();
    }
    return this.stepOther();
  }

  // The header, old formats, a new generation, CPU samples.
  private stepOther(): Event | null | typeof NeedMoreData {
    if (!this.readHeader()) return NeedMoreData;
    if (this.genReader === null) return this.stepOld();
    if (this.frontier.length === 0 && this.cpuIdx >= this.cpuSamples.length) {
      const e = this.readAs === 'go1.27' ? this.nextGeneration() : this.nextGenerationGo123();
      if (e !== undefined) return e;
    }
    const samples = this.cpuSamples;
    if (this.cpuIdx < samples.length) {
      const s = samples[this.cpuIdx];
      if (this.frontier.length === 0 || timeLess(s, this.frontier[0])) {
        this.cpuIdx++;
        const ev = new Event(this.gen!.table, s.g, s.p, s.m, Ev.CPUSample, s.ts, s.stack, 0, 0, 0);
        copyExactTime(s, ev);
        return this.finish(ev);
      }
    }
    // Only Go 1.23 finds the frontier empty here: it goes on in the call that read a generation,
    // and one without thread batches (and CPU samples) stops it. Go 1.27 reads on past it.
    if (this.frontier.length === 0) throw this.brokenTrace('frontier is empty');
    return this.advanceFrontier();
  }

  // Advances the earliest thread's event, or if it cannot happen yet another's.
  private advanceFrontier(): Event {
    return this.finish(this.tryAdvance(0) ?? this.advanceOthers());
  }

  // Rare: the earliest event cannot happen yet. Offer the rest of the frontier in time order (a
  // sorted min-heap is still a heap); the first that can happen is next.
  private advanceOthers(): Event {
    const frontier = this.frontier;
    sortFunc(frontier, timeCompare);
    for (let i = 1; i < frontier.length; i++) {
      const e = this.tryAdvance(i);
      if (e !== null) return e;
    }
    throw this.brokenTrace('failed to advance: frontier');
  }

  private brokenTrace(what: string): TraceError {
    const gen = this.gen!.gen;
    return new TraceError(`broken trace: ${what}:\n[gen=${fmtUint64(gen, this.big)}]\n\n${this.dumpFrontier()}\n${this.order.dump()}\n`, { generation: gen });
  }

  /**
   * Go 1.27, once a generation's events are out: the next generation, opened by its Sync
   * (Go's nextGenWithSpill, readGeneration and installGen). A Sync closes the trace, and one
   * comes before an error reading a generation, so that what was read before it is complete.
   */
  private nextGeneration(): Event | null | typeof NeedMoreData {
    if (this.ver < Version.Go126) {
      if (this.genErr !== null) {
        if (this.genErrSynced) return this.fail(this.genErr);
        this.genErrSynced = true;
        return this.sync(null);
      }
      if (this.gen !== null && !this.genReader!.hasSpill) {
        this.done = true;
        return this.sync(null);
      }
    } else if (this.genErr !== null) {
      return this.fail(this.genErr);
    }
    let g: ReturnType<GenerationReader['read']>;
    try {
      g = this.genReader!.read(this.w);
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      this.genErr = e;
      this.genErrSynced = true;
      this.gen = null;
      return this.sync(null);
    }
    if (g === NeedMore) return NeedMoreData;
    if (g === EndOfInput) {
      this.gen = null;
      this.done = true;
      return this.sync(null);
    }
    // An error reading a batch after this generation's: the generation comes first.
    this.genErr = g.pendingError;
    this.startGeneration(g);
    return this.sync(g.table, uint64ToFloat(g.minTs, this.big) * g.table.freq);
  }

  /**
   * Go 1.23, once a generation's events are out: its Sync, then the next generation (Go
   * 1.23's ReadEvent). Returns undefined to go on with the new generation's events in the
   * same call, as Go 1.23 does.
   */
  private nextGenerationGo123(): Event | null | typeof NeedMoreData | undefined {
    if (this.syncDue) {
      this.syncDue = false;
      return this.sync(this.gen!.table);
    }
    if (this.gen !== null && this.gen.pendingError !== null) throw this.gen.pendingError;
    if (this.gen !== null && !this.genReader!.hasSpill) {
      this.done = true;
      return null;
    }
    let g: ReturnType<GenerationReader['read']>;
    try {
      g = this.genReader!.read(this.w);
    } catch (e) {
      if (!(e instanceof TraceError) || !isGoEOF(e.message)) throw e;
      return this.fail(e);
    }
    if (g === NeedMore) return NeedMoreData;
    if (g === EndOfInput) {
      this.done = true;
      return null;
    }
    this.startGeneration(g);
    this.syncDue = true;
    return undefined;
  }

  /**
   * Go's ReadEvent returning an error: a bare io.EOF (a structural batch cut short), which
   * Go's callers take for the end of the trace, ends it here too, noted in endedEarly.
   */
  private fail(e: TraceError): null {
    if (!isGoEOF(e.message)) throw e;
    this.earlyEnd = e;
    this.done = true;
    return null;
  }

  /**
   * A Sync event: at the start of a generation (the time of its earliest batch, `product` =
   * ticks × ns per tick), or, for Go 1.27 without a table (`table` null) and Go 1.23, at the
   * last event's time (which finish() then moves one past it, as Go does).
   */
  private sync(table: EvTable | null, product?: number): Event {
    this.followTimeBase();
    this.syncCount++;
    const t = table ?? (this.bareTable ??= new EvTable(this.ver, readerSpecs(this.readAs), this.big, this.timeBase, this.readAs));
    const e = new Event(t, -1, -1, -1, evSync, this.lastTs, this.syncCount, 0, 0, 0);
    if (product !== undefined) this.timeBase.setProduct(e, product);
    else if (!isExactTime(this.lastTs)) copyExactTime(this.last, e);
    return this.finish(e);
  }

  // Old formats: parse and check the whole trace on the first call (Go's NewReader does),
  // then convert one event at a time. The trace is one generation; Go 1.27 puts a Sync one
  // nanosecond before its first event (converted or not) and one after its last, Go 1.23 none.
  private stepOld(): Event | null | typeof NeedMoreData {
    if (this.old === null) {
      const w = this.w;
      if (!w.final) return NeedMoreData;
      if (this.oldChunks !== null) {
        let n = 0;
        for (const c of this.oldChunks) n += c.length;
        const buf = new Uint8Array(n);
        n = 0;
        for (const c of this.oldChunks) {
          buf.set(c, n);
          n += c.length;
        }
        this.oldChunks = null;
        w.buf = buf;
        w.pos = 0;
        w.end = buf.length;
      }
      const tr = parseOldTrace(w.buf.subarray(w.pos, w.end), this.ver, this.big, w.base + w.pos);
      // The events hold what they need; the bytes can go.
      w.buf = new Uint8Array(0);
      w.pos = w.end = 0;
      this.earlyEnd = tr.endedEarly;
      this.old = new OldTraceConverter(tr, this.big, this.readAs);
      this.generationsRead = 1;
    }
    const old = this.old;
    if (this.readAs === 'go1.27' && this.syncCount === 0) {
      const first = old.firstTime();
      if (first !== null) return this.oldSync(old.table, add64(first, -1, this.big));
    }
    const e = old.next();
    if (e !== null) return e;
    this.done = true;
    return this.readAs === 'go1.27' ? this.oldSync(null, add64(old.lastTime, 1, this.big)) : null;
  }

  private oldSync(table: EvTable | null, ts: number): Event {
    this.syncCount++;
    const t = this.old!.table;
    const e = new Event(table ?? (this.bareTable ??= new EvTable(t.version, t.specs, this.big, t.timeBase, this.readAs)), -1, -1, -1, evSync, 0, this.syncCount, 0, 0, 0);
    t.timeBase.setRel(e, this.big.int64(ts));
    return e;
  }

  private startGeneration(g: Generation): void {
    this.followTimeBase();
    this.gen = g;
    this.generationsRead++;
    this.cpuSamples = g.cpuSamples;
    this.cpuIdx = 0;
    const t = g.table;
    for (const m of g.batchMs) {
      const bc = new BatchCursor(m, g.batches.get(m)!, t.freq, t.specs, this.big, this.timeBase, g.gen);
      if (bc.nextEvent()) heapInsert(this.frontier, bc, this.timeBase.anyWide);
    }
  }

  // The time base is chosen with the first generation (time.ts): move the last time onto it.
  private followTimeBase(): void {
    const tb = this.timeBase;
    if (tb.base === this.lastBase) return;
    const rel = isExactTime(this.lastTs) ? BigInt(this.lastTs) : tb.rel(this.last);
    const moved: Timed = { ts: 0 };
    tb.setRel(moved, rel + this.lastBase - tb.base);
    this.last = moved;
    this.lastTs = moved.ts;
    this.lastBase = tb.base;
  }

  // Offers the next event of the i'th cursor of the frontier to the ordering; if it can happen,
  // moves the cursor on and returns the event (Go's tryAdvance, and the event Go then takes off
  // its queue).
  private tryAdvance(i: number): Event | null {
    const bc = this.frontier[i];
    const g = this.gen!;
    const e = this.order.advance(bc, g.table, bc.m, g.gen);
    if (e === null) return null;
    if (bc.nextEvent()) heapUpdate(this.frontier, i, this.timeBase.anyWide);
    else heapRemove(this.frontier, i, this.timeBase.anyWide);
    return e;
  }

  // Table checks and the strictly-increasing time fix-up, for every event returned.
  private finish(e: Event): Event {
    if (e.typ !== evSync) validateTableIDs(e, this.big);
    const ts = e.ts;
    const lastTs = this.lastTs;
    // A smaller number is a smaller exact time (time.ts); equal numbers are equal times
    // unless they are not exact.
    if (ts <= lastTs && (ts < lastTs || isExactTime(ts) || !timeLess(this.last, e))) {
      const tb = this.timeBase;
      if (lastTs >= tb.minRel && lastTs < tb.maxRel) e.ts = lastTs + 1;
      else tb.setSum(e, isExactTime(lastTs) ? { ts: lastTs } : this.last, 1n);
    }
    this.lastTs = e.ts;
    if (!isExactTime(e.ts)) this.last = e;
    return e;
  }

  private dumpFrontier(): string {
    let s = '';
    for (const bc of this.frontier) {
      const spec = this.gen!.table.specs[bc.typ]!;
      s += `M ${fmtInt64(bc.m, this.big)} [${spec.name} time=${this.timeBase.format(bc)}`;
      spec.args.slice(1).forEach((a, i) => (s += ` ${a}=${fmtUint64(argAt(bc, i), this.big)}`));
      s += ']\n';
    }
    return s;
  }
}

// Every stack and string an event names must exist in its generation (Go's validateTableIDs):
// at most two of each (IDArgSlots).
function validateTableIDs(e: Event, big: BigValues): void {
  const t = e.table;
  if (e.typ === Ev.CPUSample) {
    // Go's check of the slot its table lists always passes; check the sample's stack so String() can't fail.
    if (t.stacks.get(e.a0) === undefined) throw new TraceError(`found invalid stack ID ${fmtUint64(e.a0, big)} for event CPUSample`, { generation: t.gen });
    return;
  }
  const { stacks, strings } = t.idSlots;
  const i = e.typ << 1;
  let slot = stacks[i];
  if (slot >= 0) {
    checkStackID(e, argAt(e, slot), big);
    if ((slot = stacks[i + 1]) >= 0) checkStackID(e, argAt(e, slot), big);
  }
  if ((slot = strings[i]) >= 0) {
    checkStringID(e, argAt(e, slot), big);
    if ((slot = strings[i + 1]) >= 0) checkStringID(e, argAt(e, slot), big);
  }
}

function checkStackID(e: Event, id: number, big: BigValues): void {
  const t = e.table;
  if (t.stacks.get(id) === undefined) throw new TraceError(`found invalid stack ID ${fmtUint64(id, big)} for event ${t.specs[e.typ]!.name}`, { generation: t.gen });
}

function checkStringID(e: Event, id: number, big: BigValues): void {
  const t = e.table;
  if (t.strings.get(id) === undefined) throw new TraceError(`found invalid string ID ${fmtUint64(id, big)} for event ${t.specs[e.typ]!.name}`, { generation: t.gen });
}

/**
 * Reads a whole trace held in memory.
 *
 *   const r = new Reader(bytes);
 *   for (let ev = r.next(); ev !== null; ev = r.next()) console.log(ev.toString());
 *
 * Throws TraceError (from the constructor for a bad header, from next() for a broken trace).
 */
export class Reader implements Iterable<Event> {
  private readonly core: ReaderCore;

  /** `opts.readAs` "go1.23" reads as Go 1.23.5's reader (see ReaderOptions). */
  constructor(bytes: Uint8Array, opts: ReaderOptions = {}) {
    this.core = new ReaderCore(bytes, true, opts);
    this.core.readHeader();
  }

  /**
   * The trace's format version: 11, 19 or 21 (old formats), 22, 23, 25 or 26. A version is
   * the Go release that introduced the format; see writtenBy.
   */
  get version(): number {
    return this.core.version;
  }

  /** The Go releases that write this format, for people: "Go 1.21", "Go 1.11–1.18", "Go 1.23–1.24". */
  get writtenBy(): string {
    return this.core.writtenBy;
  }

  /** Generations read so far. */
  get generations(): number {
    return this.core.generations;
  }

  /**
   * Set if the trace ended where Go's reader fails with a bare io.EOF, which Go's callers
   * (and `dumpTrace`, like `go tool trace`) take for a clean end: next() returned null,
   * but the input held bytes that could not be read (e.g. a batch cut short). The error
   * says where (`offset`, `generation`, `detail`); a viewer can warn that the trace ends
   * early. Null otherwise. Check it once next() has returned null.
   */
  get endedEarly(): TraceError | null {
    return this.core.endedEarly;
  }

  /** The next event, or null at the end of the trace. */
  next(): Event | null {
    const e = this.core.next();
    return e === NeedMoreData ? null : e;
  }

  *[Symbol.iterator](): Iterator<Event> {
    for (let e = this.next(); e !== null; e = this.next()) yield e;
  }
}

/**
 * Reads a trace from chunks pushed as they arrive, holding only the generation being read.
 *
 *   const r = new StreamReader();
 *   r.push(chunk);              // as bytes arrive
 *   let ev = r.next();          // an Event, null at the end, or NeedMoreData
 *   r.end();                    // when the input is complete
 */
export class StreamReader {
  private readonly core: ReaderCore;

  constructor(opts: ReaderOptions = {}) {
    this.core = new ReaderCore(undefined, false, opts);
  }

  /** The trace's format version (0 until the header has arrived); see Reader.version. */
  get version(): number {
    return this.core.version;
  }

  /** The Go releases that write this format ("" until the header has arrived); see Reader.writtenBy. */
  get writtenBy(): string {
    return this.core.writtenBy;
  }

  /** Generations read so far. */
  get generations(): number {
    return this.core.generations;
  }

  /** See Reader.endedEarly. */
  get endedEarly(): TraceError | null {
    return this.core.endedEarly;
  }

  push(chunk: Uint8Array): void {
    this.core.push(chunk);
  }

  end(): void {
    this.core.end();
  }

  /** The next event, null at the end of the trace, or NeedMoreData. Throws TraceError. */
  next(): Event | null | typeof NeedMoreData {
    return this.core.next();
  }
}

/** Every event of a trace held in memory. Throws TraceError. */
export function* readEvents(bytes: Uint8Array, opts: ReaderOptions = {}): Generator<Event> {
  yield* new Reader(bytes, opts);
}

/** A source of trace bytes: a web stream or any async iterable of chunks (e.g. a Node stream). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Every event of a streamed trace, reading only as much input as needed: memory stays
 * bounded by the largest generation. Throws TraceError.
 *
 *   for await (const ev of readEventsAsync(response.body!)) { ... }
 *
 * Each `for await` step costs a promise and a microtask (about 55 ns in Node 24, more
 * than half the reader's own time per event); readEventBatchesAsync avoids that.
 */
export function readEventsAsync(source: ByteSource, opts: ReaderOptions = {}): AsyncIterableIterator<Event> {
  // A hand-written iterator rather than an async generator: events already decoded come
  // back in one resolved promise each, which costs a fraction of a generator's resumption.
  const r = new StreamReader(opts);
  let input: AsyncIterator<Uint8Array> | null = null;
  let finished = false;
  const close = async (): Promise<void> => {
    finished = true;
    await input?.return?.(undefined);
  };
  const pull = async (): Promise<IteratorResult<Event>> => {
    input ??= chunksOf(source);
    for (;;) {
      let e: Event | null | typeof NeedMoreData;
      try {
        e = r.next();
      } catch (err) {
        await close();
        throw err;
      }
      if (e === null) {
        await close();
        return { done: true, value: undefined };
      }
      if (e !== NeedMoreData) return { done: false, value: e };
      const c = await input.next();
      if (c.done) r.end();
      else r.push(c.value);
    }
  };
  return {
    next(): Promise<IteratorResult<Event>> {
      if (finished) return Promise.resolve({ done: true, value: undefined });
      if (input !== null) {
        let e: Event | null | typeof NeedMoreData = NeedMoreData;
        try {
          e = r.next();
        } catch (err) {
          return close().then(() => Promise.reject(err));
        }
        if (e !== null && e !== NeedMoreData) return Promise.resolve({ done: false, value: e });
        if (e === null) return close().then(() => ({ done: true, value: undefined }));
      }
      return pull();
    },
    async return(): Promise<IteratorResult<Event>> {
      await close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The events of a streamed trace in arrays of up to `maxEvents`, in order: each array
 * holds what the bytes received so far give. For consumers that want the reader's full
 * speed (a `for await` per event costs about as much as reading the event); memory stays
 * bounded by the largest generation plus one array. Small arrays are best: events held
 * across a young-generation GC get promoted, which costs time and memory (4096 raised
 * the peak RSS of a 40 MB trace from 170 to 220 MB; 512 keeps it at about 180 MB).
 * Throws TraceError, after yielding the events before the error.
 *
 *   for await (const events of readEventBatchesAsync(fs.createReadStream(path))) for (const ev of events) { ... }
 */
export async function* readEventBatchesAsync(source: ByteSource, maxEvents = 512, opts: ReaderOptions = {}): AsyncGenerator<Event[], void, undefined> {
  const r = new StreamReader(opts);
  const input = chunksOf(source);
  let sourceDone = false;
  try {
    for (;;) {
      const events: Event[] = [];
      let e: Event | null | typeof NeedMoreData = NeedMoreData;
      try {
        while (events.length < maxEvents && (e = r.next()) !== null && e !== NeedMoreData) events.push(e);
      } catch (err) {
        if (events.length !== 0) yield events;
        throw err;
      }
      if (events.length !== 0) yield events;
      if (e === null) return;
      if (e === NeedMoreData) {
        const c = await input.next();
        if (c.done) {
          sourceDone = true;
          r.end();
        } else {
          r.push(c.value);
        }
      }
    }
  } finally {
    // Stop the source if it has more: the consumer stopped early, or reading ended.
    if (!sourceDone) await input.return?.(undefined);
  }
}

function chunksOf(source: ByteSource): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    return: async () => {
      await reader.cancel();
      reader.releaseLock();
      return { done: true, value: undefined };
    },
  };
}

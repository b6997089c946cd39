// Go's text format for raw traces (internal/trace/raw textreader.go,
// textwriter.go, doc.go): what Go's trace tests are written in.
//
//	Trace Go1.23
//	EventBatch gen=1 m=0 time=0 size=5
//	ProcStatus dt=1 p=0 pstatus=1
//	String id=1
//		data="hello"
//	Stack id=1 nframes=1
//		pc=4585766 func=29 file=30 line=306
//
// The first line names the version. Each event is `Name arg=value ...` with
// exactly the spec's argument names in spec order and unsigned decimal
// values. A HasData event is followed by a `data="<Go-quoted string>"` line,
// a Stack by `nframes` frame lines. Tokens are separated by any Unicode
// space; `#` starts a comment; blank lines are skipped.

import { eventNames, specsFor, type EventType } from '../spec.ts';
import { frameFields, isRawVersion, rawEventString, RawFormatError, type RawEvent } from './event.ts';
import { unquoteGoString } from './quote.ts';

// unicode.IsSpace.
function isSpace(c: string): boolean {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case '\u0085':
    case '\u00a0':
      return true;
  }
  const code = c.codePointAt(0)!;
  if (code < 0x1680) return false;
  return /^\p{Zs}$|^[\u2028\u2029]$/u.test(c);
}

/** The first token of s and the rest after it; ["", ""] for a blank or comment line. */
function readToken(s: string): [string, string] {
  let start = -1;
  let i = 0;
  for (const c of s) {
    if (c === '#') return ['', ''];
    if (!isSpace(c)) {
      start = i;
      break;
    }
    i += c.length;
  }
  if (start < 0) return ['', ''];
  i = start;
  for (const c of s.slice(start)) {
    if (isSpace(c) || c === '#') return [s.slice(start, i), s.slice(i)];
    i += c.length;
  }
  return [s.slice(start), ''];
}

function onlySpace(s: string): boolean {
  for (const c of s) if (!isSpace(c)) return false;
  return true;
}

const maxUint64 = (1n << 64n) - 1n;

/** strconv.ParseUint(s, 10, 64). */
function parseUint64(s: string): bigint | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  return v > maxUint64 ? null : v;
}

function readArg(s: string): [string, bigint, string] {
  const [tok, rest] = readToken(s);
  if (tok === '') throw new RawFormatError('no argument');
  const eq = tok.indexOf('=');
  if (eq < 0) throw new RawFormatError(`malformed argument: ${JSON.stringify(tok)}`);
  const name = tok.slice(0, eq);
  const value = parseUint64(tok.slice(eq + 1));
  if (value === null) {
    throw new RawFormatError(`failed to parse argument value ${JSON.stringify(tok.slice(eq + 1))} for arg ${JSON.stringify(name)}`);
  }
  return [name, value, rest];
}

function readArgs(s: string, names: readonly string[]): bigint[] {
  const args: bigint[] = [];
  for (const name of names) {
    const [arg, value, rest] = readArg(s);
    if (arg !== name) throw new RawFormatError(`expected argument ${JSON.stringify(name)}, but got ${JSON.stringify(arg)}`);
    args.push(value);
    s = rest;
  }
  if (!onlySpace(s)) throw new RawFormatError(`encountered unexpected non-space at the end of an event: ${JSON.stringify(s)}`);
  return args;
}

function readData(line: string): Uint8Array {
  const eq = line.indexOf('=');
  if (eq < 0 || line.slice(0, eq).trim() !== 'data') throw new RawFormatError(`malformed data: ${JSON.stringify(line)}`);
  try {
    return unquoteGoString(line.slice(eq + 1).trim());
  } catch (e) {
    throw new RawFormatError(`failed to parse data: ${JSON.stringify(line)}: ${(e as Error).message}`);
  }
}

/** Reads raw events from Go's text format, one at a time. */
export class TextReader {
  readonly version: number;
  private readonly lines: string[];
  private next = 0;
  private readonly names: Map<string, EventType>;

  constructor(text: string) {
    // bufio.ScanLines: split at \n, drop a trailing \r; no empty last line.
    this.lines = text.split('\n');
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    for (let i = 0; i < this.lines.length; i++) {
      if (this.lines[i].endsWith('\r')) this.lines[i] = this.lines[i].slice(0, -1);
    }
    const header = this.nextLine();
    if (header === null) throw new RawFormatError('failed to parse header: empty trace text');
    const [trace, rest] = readToken(header);
    if (trace !== 'Trace') throw new RawFormatError('failed to parse header');
    const [gover, tail] = readToken(rest);
    if (!gover.startsWith('Go1.')) throw new RawFormatError('failed to parse header Go version');
    const raw = parseUint64(gover.slice(4));
    if (raw === null) throw new RawFormatError(`failed to parse header Go version: ${JSON.stringify(gover)}`);
    const v = Number(raw);
    if (!isRawVersion(v)) throw new RawFormatError(`unknown or unsupported Go version 1.${raw}`);
    if (!onlySpace(tail)) {
      throw new RawFormatError(`encountered unexpected non-space at the end of the header: ${JSON.stringify(tail)}`);
    }
    this.version = v;
    this.names = eventNames(specsFor(v));
  }

  /** 1-based number of the line last read (for messages). */
  get line(): number {
    return this.next;
  }

  /** The next event, or null at the end. Throws RawFormatError naming the line. */
  readEvent(): RawEvent | null {
    const line = this.nextLine();
    if (line === null) return null;
    const at = this.next;
    try {
      return this.parseEvent(line);
    } catch (e) {
      if (e instanceof RawFormatError) throw new RawFormatError(`line ${at}: ${e.message}`);
      throw e;
    }
  }

  private parseEvent(line: string): RawEvent {
    const [name, rest] = readToken(line);
    const ev = this.names.get(name);
    if (ev === undefined || ev === 0) throw new RawFormatError(`unidentified event: ${name}`);
    const spec = specsFor(this.version)[ev]!;
    let args: bigint[];
    try {
      args = readArgs(rest, spec.args);
    } catch (e) {
      throw new RawFormatError(`reading args for ${name}: ${(e as Error).message}`);
    }
    if (spec.isStack) {
      const n = args[1];
      for (let i = 0n; i < n; i++) {
        const fl = this.nextLine();
        if (fl === null) throw new RawFormatError(`unexpected EOF while reading stack: args=[${args.join(' ')}]`);
        args.push(...readArgs(fl, frameFields));
      }
    }
    let data: Uint8Array | undefined;
    if (spec.hasData) {
      const dl = this.nextLine();
      if (dl === null) throw new RawFormatError(`unexpected EOF while reading data for ${name}: args=[${args.join(' ')}]`);
      data = readData(dl);
    }
    return data === undefined ? { version: this.version, ev, args } : { version: this.version, ev, args, data };
  }

  private nextLine(): string | null {
    while (this.next < this.lines.length) {
      const l = this.lines[this.next++];
      if (readToken(l)[0] !== '') return l;
    }
    return null;
  }
}

/** Writes raw events in Go's text format (raw.TextWriter). */
export class TextWriter {
  readonly version: number;
  private readonly parts: string[];

  constructor(version: number) {
    if (!isRawVersion(version)) throw new RawFormatError(`unknown or unsupported Go version 1.${version}`);
    this.version = version;
    this.parts = [`Trace Go1.${version}\n`];
  }

  writeEvent(e: RawEvent): void {
    if (e.version !== this.version) {
      throw new RawFormatError(
        `mismatched version between writer (go 1.${this.version}) and event (go 1.${e.version})`,
      );
    }
    this.parts.push(rawEventString(e) + '\n');
  }

  finish(): string {
    return this.parts.join('');
  }
}

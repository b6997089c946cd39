// Go's text formatting where the reader's String() output depends on it: strconv.Quote
// (%q) and the decoding of trace strings that may not be valid UTF-8.
//
// Trace strings are bytes. We decode them to JS strings the way Python's
// "surrogateescape" does: each byte that is not part of valid UTF-8 (by Go's rules)
// becomes the lone surrogate U+DC00+byte, which valid UTF-8 can never produce. Nothing is
// lost, and goQuote turns such a unit back into Go's "\xNN".

const asciiOnly = (buf: Uint8Array, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return false;
  return true;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes trace string bytes (see the file comment for invalid UTF-8). */
export function decodeGoString(buf: Uint8Array, start: number, end: number): string {
  if (asciiOnly(buf, start, end)) {
    const sub = buf.subarray(start, end);
    return end - start <= 4096 ? String.fromCharCode.apply(null, sub as unknown as number[]) : utf8.decode(sub);
  }
  try {
    return utf8.decode(buf.subarray(start, end));
  } catch {
    return decodeLossless(buf, start, end);
  }
}

function decodeLossless(b: Uint8Array, i: number, end: number): string {
  let out = '';
  while (i < end) {
    const c = b[i];
    const w = runeWidth(b, i, end);
    if (w === 0) {
      out += String.fromCharCode(0xdc00 + c);
      i++;
      continue;
    }
    let r: number;
    if (w === 1) r = c;
    else if (w === 2) r = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
    else if (w === 3) r = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
    else r = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
    out += String.fromCodePoint(r);
    i += w;
  }
  return out;
}

// Width of the valid UTF-8 sequence at b[i] by Go's utf8.DecodeRune rules, or 0 if invalid.
function runeWidth(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < end && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const printRE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const hex = '0123456789abcdef';

// Go's unicode.IsPrint (ASCII space counts, other spaces do not).
function isPrint(r: number, ch: string): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r < 0x100) return (r >= 0xa1 && r <= 0xff && r !== 0xad);
  return printRE.test(ch);
}

const simpleQuoteRE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Go's strconv.Quote (the %q verb on a string). */
export function goQuote(s: string): string {
  if (simpleQuoteRE.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r >= 0xdc80 && r <= 0xdcff && ch.length === 1) {
      // A byte that was not valid UTF-8 (see decodeGoString).
      out += '\\x' + hex[(r >> 4) & 0xf] + hex[r & 0xf];
      continue;
    }
    if (r === 0x22 || r === 0x5c) {
      out += '\\' + ch;
      continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) {
      // Any other lone surrogate cannot come from a trace; print it as Go prints an invalid rune.
      out += '\\ufffd';
      continue;
    }
    if (isPrint(r, ch)) {
      out += ch;
      continue;
    }
    switch (r) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    if (r < 0x20 || r === 0x7f) out += '\\x' + hex[r >> 4] + hex[r & 0xf];
    else if (r < 0x10000) out += '\\u' + r.toString(16).padStart(4, '0');
    else out += '\\U' + r.toString(16).padStart(8, '0');
  }
  return out + '"';
}

const utf8Encoder = new TextEncoder();
// A U+DC80–U+DCFF unit that is not the second half of a surrogate pair: an escaped byte.
const escapedByteRE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/**
 * The bytes a text made of trace strings stands for (the inverse of decodeGoString): its
 * UTF-8, except that each escaped byte (a lone U+DC80–U+DCFF) is that byte again. Where
 * Go prints a trace string as is (`%s`, e.g. function and file names in Event.String()),
 * these are the bytes Go prints.
 */
export function goTextBytes(s: string): Uint8Array {
  // Valid UTF-16 has no lone surrogates, so nothing is escaped.
  if (s.isWellFormed()) return utf8Encoder.encode(s);
  const parts: Uint8Array[] = [];
  let n = 0;
  let start = 0;
  const add = (b: Uint8Array): void => {
    parts.push(b);
    n += b.length;
  };
  for (const m of s.matchAll(escapedByteRE)) {
    add(utf8Encoder.encode(s.slice(start, m.index)));
    add(Uint8Array.of(s.charCodeAt(m.index) - 0xdc00));
    start = m.index + 1;
  }
  add(utf8Encoder.encode(s.slice(start)));
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// --- Go's time.Unix(sec, nsec).Format(time.RFC3339Nano), in UTC (Go's Local with TZ=UTC). ---

const i64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const secondsPerDay = 86400n;
const absoluteYears = 292277022400n;
// Go's unixToInternal + internalToAbsolute, folded as Go folds the constants.
const unixToAbsolute = 62135596800n + (absoluteYears * 3652425n / 10000n + 306n) * secondsPerDay;

/**
 * Go's time.Unix(sec, nsec) with int64 arguments: nsec folded into [0, 1e9) and the seconds
 * adjusted, with int64 wrap-around as Go's arithmetic.
 */
export function goUnix(sec: bigint, nsec: bigint): { sec: bigint; nsec: bigint } {
  if (nsec < 0n || nsec >= 1000000000n) {
    const n = nsec / 1000000000n; // truncates toward zero, as Go's /
    sec = i64(sec + n);
    nsec -= n * 1000000000n;
    if (nsec < 0n) {
      nsec += 1000000000n;
      sec = i64(sec - 1n);
    }
  }
  return { sec, nsec };
}

// Go's appendInt: a minus sign, then the decimal zero-padded to `width` digits.
function goAppendInt(x: bigint, width: number): string {
  const neg = x < 0n;
  const digits = (neg ? -x : x).toString();
  return (neg ? '-' : '') + digits.padStart(width, '0');
}

/**
 * The text Go 1.27 prints for a trace's wall-clock snapshot: time.Unix(sec, nsec) formatted
 * as RFC 3339 with nanoseconds (trailing zeros dropped) in UTC, which is what Go prints in a
 * UTC time zone (Go prints local time; the references here run with TZ=UTC). `sec` and `nsec`
 * are int64s; every int64 gives Go's text, including the years Go computes with wrap-around.
 */
export function goRFC3339NanoUTC(sec: bigint, nsec: bigint): string {
  const t = goUnix(sec, nsec);
  // Go's Time.absSec and absDays.date (Neri–Schneider), on uint64 and uint32 arithmetic.
  const abs = u64(i64(t.sec + unixToAbsolute));
  const days = abs / secondsPerDay;
  const d = 4n * days + 3n;
  const century = u64(d) / 146097n;
  const cd = (Number(u64(d) % 146097n) | 3) >>> 0;
  const product = 2939745n * BigInt(cd);
  const cyear = product >> 32n;
  const ayday = Number(product & 0xffffffffn) / 2939745 / 4;
  const aydayInt = Math.floor(ayday);
  const md = (2141 * aydayInt + 197913) >>> 0;
  const amonth = md >>> 16;
  const day = 1 + Math.floor((md & 0xffff) / 2141);
  const janFeb = aydayInt >= 306 ? 1 : 0;
  const year = i64(u64(century * 100n - absoluteYears)) + cyear + BigInt(janFeb);
  const month = amonth - janFeb * 12;
  const s = Number(abs % secondsPerDay);
  const hour = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const secOfMin = s % 60;
  let text = `${goAppendInt(year, 4)}-${goAppendInt(BigInt(month), 2)}-${goAppendInt(BigInt(day), 2)}T` +
    `${goAppendInt(BigInt(hour), 2)}:${goAppendInt(BigInt(min), 2)}:${goAppendInt(BigInt(secOfMin), 2)}`;
  if (t.nsec !== 0n) text += '.' + t.nsec.toString().padStart(9, '0').replace(/0+$/, '');
  return text + 'Z';
}

// Go string literals, byte for byte: strconv.Unquote and strconv.Quote over
// byte strings. The raw text format carries String and ExperimentalBatch data
// as `data="<Go-quoted string>"`, the test files quote their error regexps, and
// Go's fuzz corpus files hold one []byte("...") literal each. Go strings are
// bytes, not UTF-16, so both directions work on Uint8Array.

const utf8Encoder = new TextEncoder();

/** The error strconv.Unquote reports for any malformed literal. */
export class QuoteSyntaxError extends Error {
  constructor(literal: string, detail: string) {
    super(`invalid syntax: ${detail}: ${literal.length > 80 ? literal.slice(0, 80) + '…' : literal}`);
    this.name = 'QuoteSyntaxError';
  }
}

const simpleEscapes: Record<string, number> = {
  a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, '\\': 0x5c,
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Appends the UTF-8 encoding of rune r (already validated) to out. */
function pushRune(out: number[], r: number): void {
  if (r < 0x80) out.push(r);
  else if (r < 0x800) out.push(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  else if (r < 0x10000) out.push(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  else out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
}

/**
 * Decodes one UTF-8 rune at b[i]. Returns [rune, width]; an invalid or
 * truncated sequence gives [0xfffd, 1], as Go's utf8.DecodeRune does.
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const bad: [number, number] = [0xfffd, 1];
  const cont = (k: number): number => {
    const c = b[i + k];
    return c !== undefined && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? bad : [((c0 & 0x1f) << 6) | c1, 2];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const c1 = cont(1);
    const c2 = cont(2);
    if (c1 < 0 || c2 < 0) return bad;
    const r = ((c0 & 0x0f) << 12) | (c1 << 6) | c2;
    if (r < 0x800 || (r >= 0xd800 && r <= 0xdfff)) return bad;
    return [r, 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c1 = cont(1);
    const c2 = cont(2);
    const c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return bad;
    const r = ((c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
    if (r < 0x10000 || r > 0x10ffff) return bad;
    return [r, 4];
  }
  return bad;
}

/**
 * strconv.Unquote for a double-quoted Go string literal, returning the bytes
 * it denotes. `literal` may be a JS string (encoded as UTF-8 first) or bytes.
 * Raw (backquoted) literals are accepted too. Throws QuoteSyntaxError.
 */
export function unquoteGoString(literal: string | Uint8Array): Uint8Array {
  const lit = typeof literal === 'string' ? utf8Encoder.encode(literal) : literal;
  const shown = typeof literal === 'string' ? literal : new TextDecoder().decode(literal);
  const n = lit.length;
  if (n < 2) throw new QuoteSyntaxError(shown, 'too short');
  const q = lit[0];
  if (q !== lit[n - 1]) throw new QuoteSyntaxError(shown, 'unterminated');
  if (q === 0x60) {
    // Raw string: no escapes, no backquotes inside, carriage returns dropped.
    const out: number[] = [];
    for (let i = 1; i < n - 1; i++) {
      if (lit[i] === 0x60) throw new QuoteSyntaxError(shown, 'backquote inside raw string');
      if (lit[i] !== 0x0d) out.push(lit[i]);
    }
    return Uint8Array.from(out);
  }
  if (q !== 0x22) throw new QuoteSyntaxError(shown, 'not a double-quoted string');
  const out: number[] = [];
  let i = 1;
  const end = n - 1;
  while (i < end) {
    const c = lit[i];
    if (c === 0x22) throw new QuoteSyntaxError(shown, 'unescaped quote');
    if (c === 0x0a) throw new QuoteSyntaxError(shown, 'newline in string');
    if (c !== 0x5c) {
      if (c < 0x80) {
        out.push(c);
        i++;
      } else {
        // Go decodes the rune and re-encodes it: invalid UTF-8 becomes U+FFFD.
        const [r, w] = decodeRune(lit, i);
        pushRune(out, r);
        i += w;
      }
      continue;
    }
    // An escape sequence.
    if (i + 1 >= end) throw new QuoteSyntaxError(shown, 'trailing backslash');
    const e = String.fromCharCode(lit[i + 1]);
    i += 2;
    if (e in simpleEscapes) {
      out.push(simpleEscapes[e]);
    } else if (e === '"') {
      out.push(0x22);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (i + digits > end) throw new QuoteSyntaxError(shown, `short \\${e} escape`);
      let v = 0;
      for (let k = 0; k < digits; k++) {
        const h = hexValue(lit[i + k]);
        if (h < 0) throw new QuoteSyntaxError(shown, `bad hex digit in \\${e} escape`);
        v = v * 16 + h;
      }
      i += digits;
      if (e === 'x') {
        out.push(v); // a single byte, any value
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new QuoteSyntaxError(shown, 'invalid rune in escape');
        pushRune(out, v);
      }
    } else if (e >= '0' && e <= '7') {
      let v = lit[i - 1] - 0x30;
      if (i + 2 > end) throw new QuoteSyntaxError(shown, 'short octal escape');
      for (let k = 0; k < 2; k++) {
        const d = lit[i + k] - 0x30;
        if (d < 0 || d > 7) throw new QuoteSyntaxError(shown, 'bad octal digit');
        v = v * 8 + d;
      }
      i += 2;
      if (v > 255) throw new QuoteSyntaxError(shown, 'octal escape out of range');
      out.push(v);
    } else {
      throw new QuoteSyntaxError(shown, `unknown escape \\${e}`);
    }
  }
  return Uint8Array.from(out);
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
// ASCII space. (V8's Unicode tables may be a version apart from Go's; only
// rare, newly assigned code points can differ.)
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return printable.test(String.fromCodePoint(r));
}

const hex = '0123456789abcdef';

/** strconv.Quote of a byte string: the Go literal Go would print for it. */
export function quoteGoBytes(data: Uint8Array): string {
  let s = '"';
  let i = 0;
  while (i < data.length) {
    const c = data[i];
    if (c < 0x80) {
      i++;
      if (c === 0x22) s += '\\"';
      else if (c === 0x5c) s += '\\\\';
      else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
      else if (c === 0x07) s += '\\a';
      else if (c === 0x08) s += '\\b';
      else if (c === 0x0c) s += '\\f';
      else if (c === 0x0a) s += '\\n';
      else if (c === 0x0d) s += '\\r';
      else if (c === 0x09) s += '\\t';
      else if (c === 0x0b) s += '\\v';
      else s += '\\x' + hex[c >> 4] + hex[c & 15];
      continue;
    }
    const [r, w] = decodeRune(data, i);
    if (w === 1) {
      // Invalid UTF-8 (decodeRune never yields U+FFFD with width 1 otherwise).
      s += '\\x' + hex[c >> 4] + hex[c & 15];
      i++;
      continue;
    }
    i += w;
    if (isPrint(r)) s += String.fromCodePoint(r);
    else if (r < 0x10000) s += '\\u' + r.toString(16).padStart(4, '0');
    else s += '\\U' + r.toString(16).padStart(8, '0');
  }
  return s + '"';
}

/** strconv.Quote of a JS string (its UTF-8 bytes). */
export function quoteGoString(s: string): string {
  return quoteGoBytes(utf8Encoder.encode(s));
}

// Go's fuzz corpus file format ("go test fuzz v1"), as written by
// `go test -fuzz` under testdata/fuzz/FuzzXxx/: a version line, then one Go
// expression per fuzz argument. The trace reader's corpus has one []byte
// argument, so each file holds a single []byte("...") (or []byte(`...`))
// literal. Decoding follows internal/fuzz/encoding.go for the forms used.

import { unquoteGoString } from '../../../src/trace/raw/quote.ts';

const utf8 = new TextDecoder();

/** Decodes every value in a corpus file; each []byte/string literal becomes bytes. */
export function decodeFuzzCorpusFile(file: Uint8Array): Uint8Array[] {
  // Work on bytes: the literals may hold raw UTF-8 that must survive as bytes.
  const nl = file.indexOf(0x0a);
  const first = utf8.decode(nl < 0 ? file : file.subarray(0, nl)).trim();
  if (first !== 'go test fuzz v1') throw new Error(`not a fuzz corpus file: header ${JSON.stringify(first)}`);
  const values: Uint8Array[] = [];
  let pos = nl + 1;
  while (pos < file.length) {
    let end = file.indexOf(0x0a, pos);
    if (end < 0) end = file.length;
    const line = file.subarray(pos, end);
    pos = end + 1;
    const text = utf8.decode(line).trim();
    if (text === '') continue;
    values.push(decodeValue(line));
  }
  return values;
}

function trimBytes(b: Uint8Array): Uint8Array {
  let s = 0;
  let e = b.length;
  while (s < e && (b[s] === 0x20 || b[s] === 0x09 || b[s] === 0x0d)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09 || b[e - 1] === 0x0d)) e--;
  return b.subarray(s, e);
}

function startsWith(b: Uint8Array, prefix: string): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function decodeValue(line: Uint8Array): Uint8Array {
  const b = trimBytes(line);
  for (const wrap of ['[]byte(', 'string(']) {
    if (startsWith(b, wrap) && b[b.length - 1] === 0x29) {
      return unquoteGoString(trimBytes(b.subarray(wrap.length, b.length - 1)));
    }
  }
  if (b[0] === 0x22 || b[0] === 0x60) return unquoteGoString(b);
  throw new Error(`unsupported fuzz corpus value: ${utf8.decode(b).slice(0, 60)}`);
}

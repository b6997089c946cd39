// Go's txtar archives and the trace test files built on them.
//
// A txtar archive is a comment followed by files, each introduced by a line
// `-- NAME --` (golang.org/x/tools/txtar, internal/txtar). Go's trace reader
// tests (`testdata/tests/*.test`) are archives with exactly two files:
// `expect` (SUCCESS, or FAILURE "<Go-quoted regexp>") and `trace` (the raw
// text format, see text.ts). This mirrors testtrace/format.go and
// testtrace/expectation.go.

import { unquoteGoString } from './quote.ts';

export interface TxtarFile {
  name: string;
  data: string;
}

export interface Txtar {
  comment: string;
  files: TxtarFile[];
}

function fixNL(s: string): string {
  return s === '' || s.endsWith('\n') ? s : s + '\n';
}

/** If s starts with a file marker, returns [name, text after the marker line]. */
function isMarker(s: string): [string, string] | null {
  if (!s.startsWith('-- ')) return null;
  let line = s;
  let after = '';
  const nl = s.indexOf('\n');
  if (nl >= 0) {
    line = s.slice(0, nl);
    after = s.slice(nl + 1);
  }
  if (!(line.endsWith(' --') && line.length >= 6)) return null;
  return [line.slice(3, line.length - 3).trim(), after];
}

/** Splits s at its first file marker: [text before, marker name, text after]. */
function findFileMarker(s: string): [string, string, string] {
  let i = 0;
  for (;;) {
    const m = isMarker(s.slice(i));
    if (m) return [s.slice(0, i), m[0], m[1]];
    const j = s.indexOf('\n-- ', i);
    if (j < 0) return [fixNL(s), '', ''];
    i = j + 1;
  }
}

/** Parses a txtar archive exactly as Go's txtar.Parse does. */
export function parseTxtar(text: string): Txtar {
  const [comment, firstName, firstRest] = findFileMarker(text);
  const files: TxtarFile[] = [];
  let name = firstName;
  let rest = firstRest;
  while (name !== '') {
    const [data, next, after] = findFileMarker(rest);
    files.push({ name, data });
    name = next;
    rest = after;
  }
  return { comment, files };
}

/** The outcome a test file expects from reading its trace. */
export interface Expectation {
  failure: boolean;
  /** For FAILURE: the Go regexp source (as unquoted from the file). */
  pattern?: string;
  /** For FAILURE: the pattern compiled as a JS RegExp (Go's RE2 syntax in these files is a JS subset). */
  matcher?: RegExp;
}

/** testtrace.ParseExpectation. */
export function parseExpectation(data: string): Expectation {
  const nl = data.indexOf('\n');
  const first = (nl < 0 ? data : data.slice(0, nl)).replace(/\r$/, '');
  if (first === '' && data === '') return { failure: false };
  const sp = first.indexOf(' ');
  const head = sp < 0 ? first : first.slice(0, sp);
  if (head === 'SUCCESS') return { failure: false };
  if (head === 'FAILURE') {
    if (sp < 0) throw new Error(`bad header line for FAILURE: ${JSON.stringify(first)}`);
    const pattern = new TextDecoder().decode(unquoteGoString(first.slice(sp + 1)));
    return { failure: true, pattern, matcher: new RegExp(pattern) };
  }
  throw new Error(`bad header line: ${JSON.stringify(first)}`);
}

/**
 * testtrace.Expectation.Check: null when err conforms to the expectation,
 * else a message saying why not. `err` is the reader's error message, or
 * null when the whole trace was read.
 */
export function checkExpectation(exp: Expectation, err: string | null): string | null {
  if (!exp.failure && err !== null) return `unexpected error while reading the trace: ${err}`;
  if (exp.failure && err === null) {
    return `expected error while reading the trace: want something matching ${JSON.stringify(exp.pattern)}, got none`;
  }
  if (exp.failure && err !== null && !exp.matcher!.test(err)) {
    return `unexpected error while reading the trace: want something matching ${JSON.stringify(exp.pattern)}, got ${err}`;
  }
  return null;
}

/** A parsed trace test file: its expectation and the trace in the raw text format. */
export interface TraceTest {
  expect: Expectation;
  traceText: string;
}

/** The txtar half of testtrace.ParseFile (the text → bytes half is textToBytes). */
export function parseTraceTest(text: string, name = 'test'): TraceTest {
  const ar = parseTxtar(text);
  if (ar.files.length !== 2) throw new Error(`malformed test ${name}: wrong number of files`);
  if (ar.files[0].name !== 'expect') throw new Error(`malformed test ${name}: bad filename ${ar.files[0].name}`);
  if (ar.files[1].name !== 'trace') throw new Error(`malformed test ${name}: bad filename ${ar.files[1].name}`);
  return { expect: parseExpectation(ar.files[0].data), traceText: ar.files[1].data };
}

// The raw layer's public surface: Go's raw trace format in both of its
// encodings (bytes and text), and Go's trace test files.
//
//	textToBytes(text)   Go's text format → trace bytes (as testtrace.ParseFile does)
//	bytesToText(bytes)  trace bytes → Go's text format (as `go tool trace -d=2` prints)
//	parseTraceTest(s)   a .test txtar file → { expect, traceText }

export { type RawEvent, RawFormatError, rawEventString, rawVersions, frameFields } from './event.ts';
export { RawReader, RawWriter, readHeader, headerBytes } from './wire.ts';
export { TextReader, TextWriter } from './text.ts';
export { unquoteGoString, quoteGoBytes, quoteGoString, QuoteSyntaxError } from './quote.ts';
export {
  parseTxtar,
  parseExpectation,
  checkExpectation,
  parseTraceTest,
  type Txtar,
  type TxtarFile,
  type Expectation,
  type TraceTest,
} from './txtar.ts';

import { RawReader, RawWriter } from './wire.ts';
import { TextReader, TextWriter } from './text.ts';

/** Converts a trace in Go's text format to trace bytes (minimal varints, like Go's raw.Writer). */
export function textToBytes(text: string): Uint8Array {
  const r = new TextReader(text);
  const w = new RawWriter(r.version);
  for (let e = r.readEvent(); e !== null; e = r.readEvent()) w.writeEvent(e);
  return w.finish();
}

/** Converts trace bytes to Go's text format, one event (plus trailer lines) a line. */
export function bytesToText(bytes: Uint8Array): string {
  const r = new RawReader(bytes);
  const w = new TextWriter(r.version);
  for (let e = r.readEvent(); e !== null; e = r.readEvent()) w.writeEvent(e);
  return w.finish();
}

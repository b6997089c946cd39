// The canonical text dump of a trace: Event.String() for each event, one per line as
// fmt.Println prints it, then "EOF", or "ERROR: <message>" where reading stops. By default
// Go 1.27.3's reading and String() (what `go tool trace -d=parsed` prints, plus the last
// line); with readAs "go1.23", Go 1.23.5's (`go tool trace -d=1`). The goldens hold both.

import { TraceError } from './errors.ts';
import { Reader } from './reader.ts';
import type { ReaderOptions } from './version.ts';

/**
 * Writes the dump of `bytes` through `write`, in pieces of about `chunkChars` characters.
 * Returns true if the trace read to the end, false if it stopped with an error.
 */
export function dumpTo(bytes: Uint8Array, write: (text: string) => void, chunkChars = 1 << 16, opts: ReaderOptions = {}): boolean {
  let buf = '';
  const flush = (): void => {
    if (buf !== '') write(buf);
    buf = '';
  };
  try {
    const r = new Reader(bytes, opts);
    for (let ev = r.next(); ev !== null; ev = r.next()) {
      buf += ev.toString() + '\n';
      if (buf.length >= chunkChars) flush();
    }
    buf += 'EOF\n';
    flush();
    return true;
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    buf += `ERROR: ${e.message}\n`;
    flush();
    return false;
  }
}

/** The whole dump of `bytes` as one string. */
export function dumpTrace(bytes: Uint8Array, opts: ReaderOptions = {}): string {
  const parts: string[] = [];
  dumpTo(bytes, (t) => parts.push(t), 1 << 16, opts);
  return parts.join('');
}

// The only error type the reader throws.
//
// `message` is exactly the text Go's reader reports for the same input (the dump's
// "ERROR: ..." line and Go's FAILURE regexps depend on it); where we know more, the
// byte offset and generation ride along as fields and in `detail`.

export class TraceError extends Error {
  /** Byte offset in the trace (from the start of the file) where the problem was found, if known. */
  readonly offset: number | undefined;
  /** Generation number being read, if known. */
  readonly generation: number | undefined;

  constructor(message: string, where?: { offset?: number; generation?: number }) {
    super(message);
    this.name = 'TraceError';
    this.offset = where?.offset;
    this.generation = where?.generation;
  }

  /** The message with its location, for people: "msg (generation 3, byte 1234)". */
  get detail(): string {
    const loc: string[] = [];
    if (this.generation !== undefined) loc.push(`generation ${this.generation}`);
    if (this.offset !== undefined) loc.push(`byte ${this.offset}`);
    return loc.length ? `${this.message} (${loc.join(', ')})` : this.message;
  }
}

/**
 * True if a message is that of Go's bare io.EOF. Where Go's reader fails with io.EOF itself
 * (not wrapped in a longer message), Go's callers (`go tool trace`, every `ReadEvent` loop)
 * take it for the clean end of the trace; this reader ends the same way and keeps the error
 * as `endedEarly`. Messages are Go's texts, so "EOF" is exactly io.EOF's.
 */
export function isGoEOF(message: string): boolean {
  return message === 'EOF';
}

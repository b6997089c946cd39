/** What a file chosen on the open-a-trace page is, from its first bytes (src/components/trace-viewer/file-kind.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileKind } from '../../src/components/trace-viewer/file-kind.ts';

describe('what a chosen file is', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const header = bytes('go 1.23 trace\0\0\0');

  it('names an empty file, a header-only trace and a trace', () => {
    expect(fileKind(new Uint8Array(0), 0)).toEqual({ kind: 'empty' });
    expect(fileKind(header, 16)).toEqual({ kind: 'header-only', version: '1.23' });
    expect(fileKind(header, 4096)).toEqual({ kind: 'trace' });
    // Old formats and headers it does not know are left to the reader.
    expect(fileKind(bytes('go 1.19 trace\0\0\0'), 16)).toEqual({ kind: 'header-only', version: '1.19' });
    expect(fileKind(bytes('go 1.99 trac'), 500)).toEqual({ kind: 'trace' });
    // Go 1.26+ write a clock batch after the header at once: the reader, not the size, tells that
    // such a file holds nothing (the opener says so after the analysis).
    const exited = readFileSync(new URL('../../playground/traces/exit-without-stop-broken.go1.27.trace', import.meta.url));
    expect(fileKind(exited, exited.length)).toEqual({ kind: 'trace' });
  });

  it('says what a file that is not a trace looks like', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(fileKind(png, 69)).toEqual({ kind: 'not-trace', looks: 'png' });
    expect(fileKind(new Uint8Array([0x1f, 0x8b, 8, 0]), 900)).toEqual({ kind: 'not-trace', looks: 'gzip' });
    expect(fileKind(bytes('hello world\nthis is a log line: 12:00 ok\n'), 41)).toEqual({ kind: 'not-trace', looks: 'text' });
    expect(fileKind(bytes('日志：一切正常\n'), 22)).toEqual({ kind: 'not-trace', looks: 'text' });
    expect(fileKind(new Uint8Array([0, 1, 2, 3, 250, 251]), 6)).toEqual({ kind: 'not-trace', looks: 'binary' });
  });
});

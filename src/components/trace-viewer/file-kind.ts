/**
 * What a chosen file is, from its size and first bytes, before any reading: the opener names the
 * usual mistakes (an empty file, a trace that is only its 16-byte header, a picture, a profile, a log)
 * in words instead of a reader error. Pure, no DOM.
 */

/** A Go execution trace starts with this header, padded with NULs to 16 bytes. */
const HEADER = /^go 1\.(\d+) trace\0*$/;
export const HEADER_BYTES = 16;

export type FileKind =
  | { kind: 'empty' }
  /** The header and nothing after it: the program exited before trace.Stop wrote anything. */
  | { kind: 'header-only'; version: string }
  /** Not a trace at all; `looks` says what it seems to be instead. */
  | { kind: 'not-trace'; looks: 'png' | 'jpeg' | 'gif' | 'pdf' | 'gzip' | 'zip' | 'text' | 'binary' }
  /** Starts like a trace: the reader takes it from here. */
  | { kind: 'trace' };

const startsWith = (b: Uint8Array, bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** Text: decodes as UTF-8 and has no control characters but tabs and line breaks. */
function looksLikeText(b: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // A multi-byte character cut at the end of the sample is still text.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.max(0, b.length - 3)));
    } catch {
      return false;
    }
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/** `head` is the first bytes of the file (64 are plenty), `size` its whole size. */
export function fileKind(head: Uint8Array, size: number): FileKind {
  if (size === 0) return { kind: 'empty' };
  const header = HEADER.exec(new TextDecoder('latin1').decode(head.subarray(0, HEADER_BYTES)));
  if (header && head.length >= HEADER_BYTES) return size <= HEADER_BYTES ? { kind: 'header-only', version: `1.${header[1]}` } : { kind: 'trace' };
  // Anything else that starts like a header (another padding, a future format) is for the reader to judge.
  if (startsWith(head, [...'go 1.'].map((c) => c.charCodeAt(0)))) return { kind: 'trace' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'not-trace', looks: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'not-trace', looks: 'jpeg' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { kind: 'not-trace', looks: 'gif' };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { kind: 'not-trace', looks: 'pdf' };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'not-trace', looks: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'not-trace', looks: 'zip' };
  return { kind: 'not-trace', looks: looksLikeText(head) ? 'text' : 'binary' };
}

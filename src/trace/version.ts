// Trace file header: "go 1.NN trace\0\0\0" names the format version.

import { TraceError } from './errors.ts';

/** Trace format versions (Go's version.Version). */
export const Version = {
  Go111: 11,
  Go119: 19,
  Go121: 21,
  Go122: 22,
  Go123: 23,
  Go125: 25,
  Go126: 26,
} as const;
export type Version = (typeof Version)[keyof typeof Version];

/** The newest version this reader understands. */
export const CurrentVersion: Version = Version.Go126;

const v2Versions = new Set<number>([22, 23, 25, 26]);
const v1Versions = new Set<number>([11, 19, 21]);

/**
 * Which Go release's reader this reader reproduces: its event sequence (where Sync events
 * fall, the times they nudge), its error texts and its Event.String(). The default is Go
 * 1.27.3's; "go1.23" is Go 1.23.5's, which knows no format after go 1.23 (a Go 1.25 or 1.26
 * trace fails at the header, as in Go 1.23.5).
 */
export type ReadAs = 'go1.27' | 'go1.23';

/** The reader options shared by every entry point. */
export interface ReaderOptions {
  /** Reproduce this Go release's reader (default "go1.27"). */
  readAs?: ReadAs;
}

/** The format versions a Go release's reader knows (Go's version.Valid). */
function knows(readAs: ReadAs, v: number): boolean {
  if (v1Versions.has(v)) return true;
  return readAs === 'go1.23' ? v === Version.Go122 || v === Version.Go123 : v2Versions.has(v);
}

/** Bytes needed to be sure the header is complete ("go 1." + up to 10 digits + " trace\0\0\0"). */
export const MaxHeaderLen = 24;

/** The result of reading a header: its version and how many bytes it took. */
export interface Header {
  version: Version;
  length: number;
}

const headerRE = /^go 1\.(\d+) trace\x00\x00\x00/;

/**
 * Reads the header at the start of `buf`. Returns null if `buf` is too short to decide and
 * more bytes may come (`final` false). Throws TraceError for a bad or unsupported header.
 */
export function readHeader(buf: Uint8Array, final: boolean, readAs: ReadAs = 'go1.27'): Header | null {
  const n = Math.min(buf.length, MaxHeaderLen);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(buf[i]);
  const m = headerRE.exec(s);
  if (m === null) {
    if (!final && buf.length < MaxHeaderLen && couldBeHeader(s)) return null;
    throw new TraceError('bad file format: not a Go execution trace?', { offset: 0 });
  }
  const v = Number(m[1]);
  if (!knows(readAs, v)) {
    throw new TraceError(`unknown or unsupported trace version go 1.${v}`, { offset: 0 });
  }
  return { version: v as Version, length: m[0].length };
}

// A prefix of a valid header, so that a streaming reader waits for more bytes.
function couldBeHeader(s: string): boolean {
  return /^(g|go|go |go 1|go 1\.|go 1\.\d+|go 1\.\d+ |go 1\.\d+ t|go 1\.\d+ tr|go 1\.\d+ tra|go 1\.\d+ trac|go 1\.\d+ trace|go 1\.\d+ trace\x00|go 1\.\d+ trace\x00\x00)?$/.test(s);
}

/** True for the old formats (Go 1.11–1.21): one whole-file parse, no generations. */
export function isOldFormat(v: number): boolean {
  return v1Versions.has(v);
}

// The Go releases that write each format version.
const releases: Record<number, string> = {
  11: 'Go 1.11–1.18',
  19: 'Go 1.19–1.20',
  21: 'Go 1.21',
  22: 'Go 1.22',
  23: 'Go 1.23–1.24',
  25: 'Go 1.25',
  26: 'Go 1.26–1.27',
};

/**
 * The Go releases that write format version `v`, for people: "Go 1.21", "Go 1.11–1.18",
 * "Go 1.23–1.24", "Go 1.26–1.27" (a format version is the release that introduced it; later releases keep
 * writing it until the format changes). "" for an unknown version.
 */
export function writtenBy(v: number): string {
  return releases[v] ?? '';
}

/** The header bytes for a version, e.g. for writers. */
export function headerBytes(v: number): Uint8Array {
  const s = `go 1.${v} trace\x00\x00\x00`;
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// The browser build of the OpenTelemetry scenarios: cmd/otel-wasm for GOOS=js GOARCH=wasm, built
// with Go 1.27 in GOPATH mode from the Debian packages (toolchain.ts), committed as
// public/go/otel-scenarios.wasm with public/go/otel-build-info.json beside it. `npm run otel:wasm`
// rebuilds both (build-wasm.ts); tests/otel/browser-build.test.ts checks they are current.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { otelRoot } from './toolchain.ts';

/** The packages of playground/otel the binary is built from (the rest is the Debian packages'). */
export const BROWSER_PACKAGES = ['scenarios', 'inpage', 'cmd/otel-wasm'];

/** -ldflags of the build: no symbol table, no DWARF. */
export const BROWSER_LDFLAGS = '-s -w';

export interface BrowserBuildInfo {
  go: string;
  otelSDK: string;
  debian: Record<string, string>;
  goos: 'js';
  goarch: 'wasm';
  flags: string;
  sourceHash: string;
  sourceHashOf: string;
  wasmSha256: string;
  wasmBytes: number;
  /** gzip -9, what a server that compresses sends at best. */
  wasmGzipBytes: number;
  /** What the binary runs (its -list): the page validates its props against it at build time. */
  scenarios: CatalogueEntry[];
}

/** inpage.Entry */
export interface CatalogueEntry {
  scenario: string;
  lesson: string;
  tracesItself?: boolean;
  variants: { name: string; collector?: string; tls?: boolean; params?: Record<string, string>; timeLimitMs: number }[];
}

export const SOURCE_HASH_OF =
  "sha256 over sorted lines '<path relative to playground/otel>\\0<sha256 hex>\\n' for debian-packages.txt and every *.go file of " +
  BROWSER_PACKAGES.join(', ');

/** The hash of what the binary is built from here: the .go files of BROWSER_PACKAGES and the package list. */
export function browserSourceHash(): string {
  const files = ['debian-packages.txt'];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(otelRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.go')) files.push(rel);
    }
  };
  for (const p of BROWSER_PACKAGES) walk(p);
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0${createHash('sha256').update(readFileSync(path.join(otelRoot, f))).digest('hex')}\n`);
  return h.digest('hex');
}

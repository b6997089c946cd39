/**
 * Which WebAssembly binary runs a Go scenario, from the build's own catalogue
 * (public/go/build-info.json, written by npm run go:wasm from what each binary prints for -names).
 * The scenarios are split between binaries so that a lesson downloads only what its scenario links
 * (chapter 6's HTTP service brings net/http); a lesson's author names the scenario, never the binary.
 * A scenario or variant that no binary holds fails the site's build with the names there are, never
 * a box that fails on Run.
 */

/** A scenario as its binary lists it: its name and its variants, the default first. */
export interface GoCatalogueEntry {
  scenario: string;
  variants: string[];
}

/** One browser binary of playground/go. */
export interface GoBinary {
  /** Its file in public/go (served at <base>go/). */
  file: string;
  /** The main package it is built from, in playground/go. */
  cmd: string;
  wasmSha256: string;
  wasmBytes: number;
  /** gzip -9, what a server that compresses sends at best. */
  wasmGzipBytes: number;
  /** What it holds: the scenarios it links, as it lists them itself. */
  scenarios: GoCatalogueEntry[];
}

/** public/go/build-info.json */
export interface GoBuildInfo {
  go: string;
  goos: 'js';
  goarch: 'wasm';
  /** The arguments of go build, before -o (the same for every binary). */
  buildFlags: string[];
  sourceHash: string;
  sourceHashOf: string;
  binaries: GoBinary[];
}

/** What a box needs to run a scenario: its binary's path under the site's base, and its size. */
export interface ScenarioBinary {
  path: string;
  bytes: number;
}

export function binaryFor(info: Pick<GoBuildInfo, 'binaries'>, scenario: string, variants: string[] = []): ScenarioBinary {
  const holders = info.binaries.filter((b) => b.scenarios.some((e) => e.scenario === scenario));
  if (holders.length === 0) {
    const names = info.binaries.flatMap((b) => b.scenarios.map((e) => e.scenario)).sort();
    throw new Error(`GoScenario: no scenario "${scenario}" in the page's build; it has ${names.join(', ')}`);
  }
  // npm run go:wasm refuses this; a hand-edited build-info would make the box's choice arbitrary.
  if (holders.length > 1) throw new Error(`GoScenario: "${scenario}" is in ${holders.map((b) => b.file).join(' and ')}; a scenario belongs to one binary`);
  const [binary] = holders;
  const known = binary.scenarios.find((e) => e.scenario === scenario)!.variants;
  for (const v of variants) {
    if (!known.includes(v)) throw new Error(`GoScenario: ${scenario} has no variant "${v}" in the page's build; it has ${known.join(', ')}`);
  }
  return { path: `go/${binary.file}`, bytes: binary.wasmBytes };
}

/**
 * Which browser binary runs which Go scenario (public/go/build-info.json, written by npm run go:wasm;
 * the page picks from it with src/components/go-scenario/catalogue.ts). Chapter 6's HTTP service
 * links net/http, which more than doubles a binary: it has casestudy.wasm to itself, so every other
 * lesson's Run button downloads the small scenarios.wasm. No Go needed.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { binaryFor, type GoBuildInfo } from '../../src/components/go-scenario/catalogue.ts';

const info: GoBuildInfo = JSON.parse(readFileSync('public/go/build-info.json', 'utf8'));
const binary = (file: string) => info.binaries.find((b) => b.file === file)!;
const bytes = (file: string) => readFileSync(`public/go/${file}`);
const manifest: { scenario: string; go: string }[] = JSON.parse(readFileSync('playground/traces/manifest.json', 'utf8'));

/**
 * Whether a binary links net/http: Go keeps the names of the functions it links, for tracebacks, even
 * with -ldflags=-s -w, so net/http's server is there by name when it is linked.
 */
const linksNetHttp = (file: string) => bytes(file).includes('net/http.(*Server).Serve');

describe('the Go scenarios in the browser', () => {
  it('the lessons run scenarios.wasm, chapter 6 runs casestudy.wasm', () => {
    expect(binaryFor(info, 'anatomy', ['default'])).toEqual({ path: 'go/scenarios.wasm', bytes: binary('scenarios.wasm').wasmBytes });
    expect(binaryFor(info, 'flight-recorder').path).toBe('go/scenarios.wasm');
    expect(binaryFor(info, 'slow-request', ['broken', 'fixed'])).toEqual({ path: 'go/casestudy.wasm', bytes: binary('casestudy.wasm').wasmBytes });
    expect(binary('casestudy.wasm').scenarios).toEqual([{ scenario: 'slow-request', variants: ['broken', 'fixed'] }]);
  });

  it('every scenario recorded with Go 1.27 runs in the page, from one binary', () => {
    const recorded = [...new Set(manifest.filter((e) => e.go.startsWith('1.27.')).map((e) => e.scenario))].sort();
    const held = info.binaries.flatMap((b) => b.scenarios.map((e) => e.scenario)).sort();
    expect(held).toEqual(recorded);
  });

  it('scenarios.wasm does not link net/http, and stays about 1.2 MB gzipped', () => {
    expect(linksNetHttp('casestudy.wasm'), 'the probe finds net/http where it is linked').toBe(true);
    expect(linksNetHttp('scenarios.wasm'), 'a lesson scenario links net/http: give it a binary of its own (playground/scripts/build-wasm.sh)').toBe(false);
    const lessons = binary('scenarios.wasm');
    expect(gzipSync(bytes('scenarios.wasm'), { level: 9 }).length).toBe(lessons.wasmGzipBytes);
    // 1.17 MB when it was split from the case study (which had brought it to 2.9 MB).
    expect(lessons.wasmGzipBytes, 'every lesson with a Run button downloads this').toBeLessThan(1.3e6);
  });

  it('a box that names a scenario or variant no binary holds fails the build, saying what there is', () => {
    expect(() => binaryFor(info, 'slow-requests')).toThrow(
      'GoScenario: no scenario "slow-requests" in the page\'s build; it has anatomy, blocking-and-leaks, corrupted-output, exit-without-stop, flight-recorder, late-start, lost-context, slow-request, started-twice',
    );
    expect(() => binaryFor(info, 'slow-request', ['broken', 'panic'])).toThrow('GoScenario: slow-request has no variant "panic" in the page\'s build; it has broken, fixed');
    const twice = { binaries: [binary('scenarios.wasm'), { ...binary('casestudy.wasm'), scenarios: [{ scenario: 'anatomy', variants: ['default'] }] }] };
    expect(() => binaryFor(twice, 'anatomy')).toThrow('GoScenario: "anatomy" is in scenarios.wasm and casestudy.wasm; a scenario belongs to one binary');
  });
});

// Checks playground/traces/manifest.json against the recorded traces (no Go needed), and, when the
// TypeScript reader (src/trace/index.ts) is present, that every trace shows what `expect` says and
// reads as Go 1.27's `go tool trace` read it when the manifest was written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpect, computeFacts, headerOf, type TraceModule } from './facts.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'playground/traces');
const manifest: any[] = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const readerPath = path.join(root, 'src/trace/index.ts');

let mod: TraceModule | null = null;
let modError = '';
if (existsSync(readerPath)) {
  try {
    mod = (await import(readerPath)) as TraceModule;
    if (typeof mod.Reader !== 'function') { modError = 'src/trace/index.ts exports no Reader'; mod = null; }
  } catch (e) {
    modError = `src/trace/index.ts failed to load: ${(e as Error).message}`;
  }
} else {
  modError = 'src/trace/index.ts is absent';
}
if (!mod) console.warn(`[playground] skipping reader assertions: ${modError}`);

/** The header a Go release writes: the trace format's version (Go 1.24 writes Go 1.23's, Go 1.27 Go 1.26's). */
const FORMAT_OF_GO: Record<string, string> = { '1.22': '1.22', '1.23': '1.23', '1.24': '1.23', '1.25': '1.25', '1.26': '1.26', '1.27': '1.26' };
const minorOf = (go: string) => go.split('.').slice(0, 2).join('.');

describe('playground/traces/manifest.json', () => {
  it('lists exactly the .trace files in playground/traces, each with its output file', () => {
    const listed = manifest.map((e) => e.file).sort();
    const onDisk = readdirSync(dir).filter((f) => f.endsWith('.trace')).sort();
    expect(listed).toEqual(onDisk);
    expect(new Set(listed).size).toBe(listed.length);
    for (const e of manifest) {
      expect(existsSync(path.join(dir, e.output)), e.output).toBe(true);
    }
  });

  it('has the required fields with sane values', () => {
    for (const e of manifest) {
      for (const k of ['file', 'scenario', 'variant', 'go', 'gomaxprocs', 'params', 'command', 'exitCode', 'parses', 'error', 'checkedWith', 'expect', 'notes']) {
        expect(e, `${e.file}: ${k}`).toHaveProperty(k);
      }
      expect(e.go, e.file).toMatch(/^1\.\d+\.\d+$/);
      // Every entry is checked by the same go tool trace, whichever Go recorded it.
      expect(e.checkedWith, e.file).toMatch(/^go1\.27\.\d+$/);
      expect(e.gomaxprocs, e.file).toBeGreaterThanOrEqual(4);
      expect(e.parses ? e.error : 'x', e.file).toBe(e.parses ? '' : 'x');
      expect(e.notes.length, e.file).toBeGreaterThan(0);
    }
  });

  it('each file is under 300 KB, its size as recorded, and its header is the format its Go writes', () => {
    for (const e of manifest) {
      const bytes = readFileSync(path.join(dir, e.file));
      expect(bytes.length, e.file).toBeLessThan(300 * 1024);
      expect(bytes.length, e.file).toBe(e.sizeBytes);
      const format = FORMAT_OF_GO[minorOf(e.go)];
      expect(format, `${e.file}: Go ${e.go}`).toBeDefined();
      expect(headerOf(bytes), e.file).toBe(`go ${format} trace`);
      expect(e.expect.header, e.file).toBe(`go ${format} trace`);
      expect(e.file, e.file).toContain(`.go${minorOf(e.go)}.`);
    }
  });

  it('records every scenario with Go 1.27, and late-start with Go 1.22 too (lesson 2.2 compares them)', () => {
    const scenarios = ['anatomy', 'late-start', 'corrupted-output', 'started-twice', 'lost-context', 'exit-without-stop', 'blocking-and-leaks', 'flight-recorder', 'slow-request'];
    for (const s of scenarios) {
      expect(manifest.some((e) => e.scenario === s && minorOf(e.go) === '1.27'), s).toBe(true);
    }
    // Every older recording has its Go 1.27 twin (same scenario, variant and parameters).
    const twin = (e: any) => `${e.scenario}/${e.variant}/${JSON.stringify(e.params)}`;
    const of127 = new Set(manifest.filter((e) => minorOf(e.go) === '1.27').map(twin));
    for (const e of manifest) expect(of127.has(twin(e)), e.file).toBe(true);
    const lateStart = new Set(manifest.filter((e) => e.scenario === 'late-start').map((e) => minorOf(e.go)));
    expect(lateStart.has('1.22') && lateStart.has('1.27'), [...lateStart].join(', ')).toBe(true);
  });

  it('records the facts each scenario exists to show', () => {
    const by = (file: string) => manifest.find((e) => e.file === file)!;
    expect(by('started-twice-fixed.go1.27.trace').expect.secondStartError).toBe('execution tracer already enabled');
    expect(readFileSync(path.join(dir, 'started-twice-fixed.go1.27.trace.out.txt'), 'utf8')).toContain('second trace.Start error: execution tracer already enabled');
    // Go 1.26+ writes the first generation's clock batch at Start: a run that never reaches Stop
    // leaves the header and that batch, which Go 1.27 reads as a trace without events.
    expect(by('exit-without-stop-broken.go1.27.trace').sizeBytes).toBeLessThan(100);
    expect(by('exit-without-stop-broken.go1.27.trace').parses).toBe(true);
    expect(by('exit-without-stop-broken.go1.27.trace').facts.events).toBe(0);
    expect(by('corrupted-output-broken.go1.27.trace').parses).toBe(false);
    expect(by('corrupted-output-broken.go1.27.trace').expect.gctraceLines).toBeGreaterThan(0);
    expect(by('lost-context-broken.go1.27.trace').expect.regionsWithoutTask).toBe(by('lost-context-broken.go1.27.trace').expect.regions);
    expect(by('lost-context-fixed.go1.27.trace').expect.regionsWithoutTask).toBe(0);
    expect(by('blocking-and-leaks-broken.go1.27.trace').expect.goroutinesBlockedAtEnd).toBeGreaterThan(0);
    expect(by('blocking-and-leaks-fixed.go1.27.trace').expect.goroutinesBlockedAtEnd).toBe(0);
    expect(by('late-start-broken.go1.27.trace').expect.userPreexisting).toBeGreaterThan(0);
    const fr = by('flight-recorder-default.go1.27.trace');
    expect(fr.facts.longestRegionMs.handleRequest).toBeGreaterThan(100);
    expect(fr.facts.userCreated).toBeLessThanOrEqual(1);
    // Chapter 6: the broken program's requests wait for the access log and the cache's lock, with
    // mark assists inside the cache's region; the fixed program's requests do not wait.
    for (const file of ['slow-request-broken-snapshot.go1.27.trace', 'slow-request-broken.go1.27.trace']) {
      const s = by(file).expect.slowRequest;
      expect(s.logMutexWaits, file).toBeGreaterThan(0);
      expect(s.cacheMutexWaits, file).toBeGreaterThan(0);
      expect(s.assistInCacheMs, file).toBeGreaterThan(0);
    }
    expect(by('slow-request-fixed.go1.27.trace').expect.slowRequest.longestRequestWaitMs).toBeLessThan(5);
  });
});

describe.skipIf(!mod)('recorded traces read with src/trace (the TypeScript reader)', () => {
  for (const e of manifest) {
    it(`${e.file}: ${e.parses ? 'shows what expect says' : 'fails like Go: ' + e.error}`, () => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, e.file)));
      if (!e.parses) {
        let err: Error | null = null;
        try {
          computeFacts(mod!, bytes);
        } catch (x) {
          err = x as Error;
        }
        expect(err, `${e.file} should not parse`).not.toBeNull();
        expect(err!.message).toContain(e.error);
        return;
      }
      const f = computeFacts(mod!, bytes);
      expect(checkExpect(e.expect, f), e.file).toEqual([]);
      // The Go-side facts (go tool trace -d=1) and the TypeScript reader's agree exactly.
      if (e.facts) {
        const { phases: gp = [], ...goFacts } = e.facts;
        const { phases: tp, ...tsFacts } = f;
        expect(tsFacts, e.file).toEqual(goFacts);
        expect(tp, e.file).toEqual(gp);
      }
    });
  }
});

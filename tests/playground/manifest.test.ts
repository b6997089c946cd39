// Checks playground/traces/manifest.json against the recorded traces (no Go needed), and, when the
// TypeScript reader (src/trace/index.ts) is present, that every trace shows what `expect` says.
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
      for (const k of ['file', 'scenario', 'variant', 'go', 'gomaxprocs', 'params', 'command', 'exitCode', 'parses', 'error', 'expect', 'notes']) {
        expect(e, `${e.file}: ${k}`).toHaveProperty(k);
      }
      expect(e.go, e.file).toMatch(/^1\.\d+\.\d+$/);
      expect(e.gomaxprocs, e.file).toBeGreaterThanOrEqual(4);
      expect(e.parses ? e.error : 'x', e.file).toBe(e.parses ? '' : 'x');
      expect(e.notes.length, e.file).toBeGreaterThan(0);
    }
  });

  it('each file is under 300 KB, its size as recorded, and its header matches its Go version', () => {
    for (const e of manifest) {
      const bytes = readFileSync(path.join(dir, e.file));
      expect(bytes.length, e.file).toBeLessThan(300 * 1024);
      expect(bytes.length, e.file).toBe(e.sizeBytes);
      const minor = e.go.split('.').slice(0, 2).join('.');
      expect(headerOf(bytes), e.file).toBe(`go ${minor} trace`);
      expect(e.expect.header, e.file).toBe(`go ${minor} trace`);
      expect(e.file, e.file).toContain(`.go${minor}.`);
    }
  });

  it('covers every scenario, and anatomy and late-start with both Go 1.22 and 1.23', () => {
    const scen = new Set(manifest.map((e) => e.scenario));
    for (const s of ['anatomy', 'late-start', 'corrupted-output', 'started-twice', 'lost-context', 'exit-without-stop', 'blocking-and-leaks']) {
      expect(scen.has(s), s).toBe(true);
    }
    for (const s of ['anatomy', 'late-start']) {
      const gos = new Set(manifest.filter((e) => e.scenario === s).map((e) => e.go.split('.').slice(0, 2).join('.')));
      expect([...gos].sort(), s).toEqual(['1.22', '1.23']);
    }
  });

  it('records the facts each scenario exists to show', () => {
    const by = (file: string) => manifest.find((e) => e.file === file)!;
    expect(by('started-twice-fixed.go1.23.trace').expect.secondStartError).toBe('runtime error: tracing is already enabled');
    expect(by('exit-without-stop-broken.go1.23.trace').sizeBytes).toBeLessThanOrEqual(16);
    expect(by('exit-without-stop-broken.go1.23.trace').parses).toBe(false);
    expect(by('corrupted-output-broken.go1.23.trace').parses).toBe(false);
    expect(by('corrupted-output-broken.go1.23.trace').expect.gctraceLines).toBeGreaterThan(0);
    expect(by('lost-context-broken.go1.23.trace').expect.regionsWithoutTask).toBe(by('lost-context-broken.go1.23.trace').expect.regions);
    expect(by('lost-context-fixed.go1.23.trace').expect.regionsWithoutTask).toBe(0);
    expect(by('blocking-and-leaks-broken.go1.23.trace').expect.goroutinesBlockedAtEnd).toBeGreaterThan(0);
    expect(by('blocking-and-leaks-fixed.go1.23.trace').expect.goroutinesBlockedAtEnd).toBe(0);
    expect(by('late-start-broken.go1.23.trace').expect.userPreexisting).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'started-twice-fixed.go1.23.trace.out.txt'), 'utf8')).toContain('runtime error: tracing is already enabled');
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

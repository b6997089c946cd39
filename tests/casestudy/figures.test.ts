/**
 * Chapter 6's numbers come from its recordings, and nowhere else.
 *
 * - content/casestudy/figures.json (every number the lessons print, imported by them) is what
 *   src/casestudy/figures.ts computes from the three recordings and their printed output, with the
 *   guide's reader and analysis: recomputed here, it must be equal.
 * - The same numbers from Go's side agree: the facts playground/go/cmd/manifest computed from Go 1.27's
 *   `go tool trace -d=parsed` (manifest.json, expect.slowRequest), and what Go's own tools print
 *   (content/casestudy/go/: the goroutine analysis, user regions and MMU of go tool trace's pages, and
 *   go tool pprof on the sync blocking profile). With Go 1.27 and its source, those files are made
 *   again and must be equal; without them this part skips (a failure under CI).
 * - Every expression the lessons print resolves to a number or a string, and every statement the
 *   lessons make about the numbers (which lock is bigger, what falls inside a GC mark phase…) holds.
 * - The facts the lessons take from the program's source (its TTL, the shipper's flush, the flight
 *   recorder's config, the in-browser defaults) are the source's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GState } from '../../src/analysis/model.ts';
import { caseStudyFigures, RECORDINGS, type CaseStudyFigures, type RecordingName } from '../../src/casestudy/figures.ts';
import { goFigures, type TraceAnalyses } from '../../src/casestudy/go-figures.ts';
import { regionDurations, requestWaits, endedWaits, regionSpans, syncProfile } from '../../src/casestudy/measures.ts';
import { goToolFiles, readInputs } from '../../scripts/casestudy-figures.ts';
import { GO_VERSION, haveGoSide } from '../../scripts/casestudy/go-side.ts';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const figures: CaseStudyFigures = JSON.parse(read('content/casestudy/figures.json'));
const { load, inputs, params } = readInputs();
const goFile = (file: string, kind: string) => read(`content/casestudy/go/${file}.${kind}`);
const analyses = (name: RecordingName): TraceAnalyses => JSON.parse(goFile(RECORDINGS[name], 'analyses.json'));

describe('chapter 6: figures.json', () => {
  it('is what the recordings give (npm run casestudy:figures writes it)', () => {
    expect(JSON.parse(JSON.stringify(caseStudyFigures(load, inputs)))).toEqual(figures);
  });

  it('the three recordings ran the same load', () => {
    for (const p of params) expect({ ...p, capture: undefined }).toEqual({ ...params[1], capture: undefined });
  });
});

describe("chapter 6: the same numbers from Go's side", () => {
  const manifest: { file: string; expect: { slowRequest: Record<string, number> } }[] = JSON.parse(read('playground/traces/manifest.json'));
  for (const [name, file] of Object.entries(RECORDINGS) as [RecordingName, string][]) {
    const model = inputs[name].model;
    const fig = figures[name];

    it(`${file}: the manifest's facts (go tool trace -d=parsed) equal the analysis's`, () => {
      const go = manifest.find((e) => e.file === file)!.expect.slowRequest;
      const close = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(0.0015);
      const d = regionDurations(model, 'request');
      expect(go.requests).toBe(d.length);
      close(go.requestMaxMs, d.at(-1)! / 1e6);
      expect(go.cacheMutexWaits).toBe(fig.mutex.cache.n);
      expect(go.logMutexWaits).toBe(fig.mutex.log.n);
      expect(go.logWriteWaits).toBe(fig.logWrite.n);
      expect(go.assists).toBe(fig.assists.n);
      // figures.json rounds to 3 significant digits; the manifest keeps microseconds.
      for (const [k, v] of [['cacheMutexWaitMs', fig.mutex.cache.ms], ['logMutexWaitMs', fig.mutex.log.ms], ['logWriteWaitMs', fig.logWrite.ms],
        ['assistMs', fig.assists.ms], ['assistInCacheMs', fig.assists.inCacheMs], ['requestP99Ms', fig.regions.request.p99],
        ['longestRequestWaitMs', fig.longestRequestWaitMs]] as const) {
        expect(Math.abs(go[k] - v), `${k}: ${go[k]} vs ${v}`).toBeLessThanOrEqual(Math.max(0.0015, Math.abs(v) * 0.006));
      }
    });

    it(`${file}: go tool trace's goroutine analysis and user regions equal the analysis's`, () => {
      const a = analyses(name);
      const g = goFigures(a);
      expect(g.serve.n).toBe(fig.serve.n);
      expect(g.serve.execMs).toBe(fig.serve.runningMs);
      expect(g.serve.schedWaitMs).toBe(fig.serve.runnableMs);
      expect(g.serve.syncMs).toBe(fig.serve.waitingMs.sync ?? 0);
      expect(g.serve.selectMs).toBe(fig.serve.waitingMs.select ?? 0);
      expect(g.serve.assistMs).toBe(fig.serve.assistMs);
      // Region by region, every duration, to the nanosecond.
      for (const region of ['request', 'parse', 'cache', 'log']) {
        expect(a.regions.find((r) => r.name === region)!.durationsNs, region).toEqual(regionDurations(model, region));
        expect(g.regions[region as 'request']).toEqual(fig.regions[region as 'request']);
      }
    });

    it(`${file}: go tool pprof's sync profile (-focus=serveItem) equals the analysis's`, () => {
      const top = goFile(file, 'sync-top.txt');
      const total = /Showing nodes accounting for ([\d.]+)(ms|s)?,/.exec(top);
      expect(total, top).not.toBeNull();
      const totalMs = Number(total![1]) * (total![2] === 's' ? 1000 : 1);
      expect(Math.abs(totalMs - fig.syncProfile.totalMs)).toBeLessThanOrEqual(Math.max(total![2] === 's' ? 5 : 0.01, fig.syncProfile.totalMs * 0.006));
      // pprof prints 39.94ms, 3.77s, 0.
      const asMs = (v: string) => (v.endsWith('ms') ? Number(v.slice(0, -2)) : v.endsWith('s') ? Number(v.slice(0, -1)) * 1000 : Number(v));
      // pprof leaves out nodes under 0.5 % of what it shows ("Dropped 1 node (cum <= 0.19s)"), and
      // prints seconds with two decimals.
      const dropped = /Dropped \d+ nodes? \(cum <= (\S+)\)/.exec(top);
      for (const row of fig.syncProfile.flat) {
        if (dropped && row.ms <= asMs(dropped[1])) continue;
        const line = top.split('\n').find((l) => l.trim().endsWith(` ${row.func}`) && !/^\s*0\s/.test(l));
        expect(line, row.func).toBeDefined();
        const printed = line!.trim().split(/\s+/)[0];
        const ms = asMs(printed);
        const precision = printed.endsWith('ms') ? 0.01 : 5;
        expect(Math.abs(ms - row.ms), `${row.func}: pprof ${printed}, analysis ${row.ms} ms`).toBeLessThanOrEqual(Math.max(precision, row.ms * 0.006));
      }
      const peek = goFile(file, 'sync-peek.txt');
      for (const c of fig.syncProfile.lockCallers) {
        const m = new RegExp(`(\\S+)\\s+([\\d.]+)% \\|\\s+${c.func.replace(/[.*()[\]\\]/g, '\\$&')}$`, 'm').exec(peek);
        expect(m, c.func).not.toBeNull();
        expect(Math.abs(asMs(m![1]) - c.ms), c.func).toBeLessThanOrEqual(Math.max(0.01, c.ms * 0.006));
        expect(Math.abs(Number(m![2]) - c.pct), c.func).toBeLessThanOrEqual(0.06);
      }
    });
  }

  if (!haveGoSide()) {
    it(`content/casestudy/go/ is what Go ${GO_VERSION}'s tools print (skipped: no Go ${GO_VERSION} with its source)`, () => {
      if (process.env.CI) throw new Error(`CI must check chapter 6's Go figures, but Go ${GO_VERSION} with its source is missing`);
    });
    return;
  }

  it(`content/casestudy/go/ is what Go ${GO_VERSION}'s tools print today (npm run casestudy:figures writes it)`, () => {
    for (const file of Object.values(RECORDINGS)) {
      for (const [name, text] of Object.entries(goToolFiles(file))) expect(text, name).toBe(goFile(file, name.slice(file.length + 1)));
    }
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------------
// The lessons.

const LESSONS = ['spike-and-capture', 'where-the-time-went', 'requests-and-gc', 'fix-and-verify'];
const lessonText = (locale: '' | 'zh-cn/', slug: string) => read(`content/docs/${locale}casestudy/${slug}.mdx`);

/** The `{…}` expressions of a lesson's prose and tables (not code blocks, imports, exports or JSX attributes). */
function expressions(mdx: string): string[] {
  const out: string[] = [];
  let fence = false;
  for (const line of mdx.split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    if (fence || /^(import|export) /.test(line) || /^\s*(<|[a-z]+=|markers=|\]|\{ at:|\/>)/.test(line)) continue;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\{((?:[^{}]|\{[^{}]*\})+)\}/g)) out.push(m[1]);
  }
  return out;
}

describe('chapter 6: the lessons', () => {
  const bindings = {
    f: figures,
    s: figures.snapshot,
    b: figures.broken,
    x: figures.fixed,
    g: goFigures(analyses('snapshot')),
    gb: goFigures(analyses('broken')),
    gx: goFigures(analyses('fixed')),
  };
  const evaluate = (expr: string) => new Function(...Object.keys(bindings), `return (${expr});`)(...Object.values(bindings));

  for (const slug of LESSONS) {
    for (const locale of ['', 'zh-cn/'] as const) {
      it(`${locale || 'en/'}${slug}: every number it prints resolves`, () => {
        const text = lessonText(locale, slug);
        const exprs = expressions(text);
        expect(exprs.length, 'a lesson of this chapter prints its numbers from figures.json').toBeGreaterThan(3);
        for (const e of exprs) {
          const v = evaluate(e);
          expect(['number', 'string'].includes(typeof v) && !(typeof v === 'number' && !Number.isFinite(v)), `{${e}} = ${String(v)}`).toBe(true);
        }
      });
    }
    it(`${slug}: the English and Chinese pages print the same numbers`, () => {
      const figuresOf = (locale: '' | 'zh-cn/') =>
        [...new Set(expressions(lessonText(locale, slug)).flatMap((e) => [...e.matchAll(/\b(?:f|s|b|x|g|gb|gx)\.[\w.[\]]+/g)].map((m) => m[0])))].sort();
      expect(figuresOf('zh-cn/')).toEqual(figuresOf(''));
    });
  }

  const s = figures.snapshot;
  const b = figures.broken;
  const x = figures.fixed;
  const g = goFigures(analyses('snapshot'));
  const lastGC = (r: typeof s) => r.gcCycles[r.gcCycles.length - 1];

  it('6.1: the snapshot ends with the slow request that wrote it, and reaches back to the start of this short run', () => {
    const model = inputs.snapshot.model;
    // "the request that crossed the threshold is the last thing in it"
    expect(regionSpans(model, 'request').some((r) => r.end - r.start > load.slowMs * 1e6 && model.duration - r.end < 2e6)).toBe(true);
    expect(s.spanMs).toBeLessThan(2000); // shorter than MinAge (2 s)
    expect(s.slowest.part).toBe('log');
    // "it spends almost all of those milliseconds waiting, not running"
    const slow = regionSpans(model, 'request').reduce((a, r) => (r.end - r.start > a.end - a.start ? r : a));
    const st = model.goroutineStates;
    let waiting = 0;
    for (let r = st.offsets[slow.goroutine]; r < st.offsets[slow.goroutine + 1] - 1; r++) {
      if (st.state[r] !== GState.Waiting) continue;
      waiting += Math.max(0, Math.min(st.start[r + 1], slow.end) - Math.max(st.start[r], slow.start));
    }
    expect(waiting / (slow.end - slow.start)).toBeGreaterThan(0.9);
    expect(s.over25).toBeGreaterThan(1);
    expect(s.printed.requests).toBe(load.rate * load.seconds);
  });

  it("6.2: idle network time, handlers that waited longer than they worked, and the log's lock before the cache's", () => {
    expect(g.serve.networkMs / g.serve.n).toBeGreaterThan(0.9 * s.spanMs);
    expect(g.serve.syncMs + g.serve.selectMs).toBeGreaterThan(g.serve.execMs);
    expect(s.syncProfile.handlersPct).toBeLessThan(10);
    expect(s.syncProfile.flat.map((r) => r.func)).toEqual(['sync.(*Mutex).Lock', 'runtime.selectgo', 'runtime.chanrecv1']);
    // "The selectgo comes from io.(*pipe).write, under log.(*Logger).Printf"
    const model = inputs.snapshot.model;
    for (const row of syncProfile(model, 'serveItem').filter((r) => r.funcs[0] === 'runtime.selectgo')) {
      expect(row.funcs).toContain('io.(*pipe).write');
      expect(row.funcs).toContain('log.(*Logger).Printf');
    }
    expect(s.syncProfile.lockCallers.map((c) => c.func.replace(/^.*\/broken\./, 'broken.'))).toEqual(['log.(*Logger).output', 'broken.(*cache).get']);
    expect(s.mutex.log.ms).toBeGreaterThan(s.mutex.cache.ms);
  });

  it('6.3: which regions are slow, and when the cache is', () => {
    expect(s.regions.parse.max).toBeLessThan(5);
    expect(s.regions.log.p50).toBeLessThan(0.1);
    expect(s.regions.log.p99).toBeGreaterThan(0.9 * s.regions.request.p99);
    expect(s.regions.log.max).toBeGreaterThan(0.9 * s.regions.request.max);
    expect(s.regions.cache.max).toBeLessThan(s.regions.request.max);
    expect(s.regions.cache.p99 / s.regions.cache.p50).toBeGreaterThan(5);
    expect(s.cacheDuringGC.meanMs).toBeGreaterThan(2 * s.cacheOutsideGC.meanMs);
    expect(s.slowestCache.duringGC).toBe(true);
    expect(s.assists.inCachePct).toBeGreaterThan(80);
    // The worst 10 ms windows of the MMU lie inside the last mark phase.
    for (const w of g.worst10ms.slice(0, 2)) {
      expect(w.atMs).toBeGreaterThanOrEqual(lastGC(s).atMs - 1);
      expect(w.atMs + 10).toBeLessThanOrEqual(lastGC(s).atMs + lastGC(s).ms + 1);
    }
    expect(g.mmu.w10ms).toBeLessThan(g.mmu.w100ms);
  });

  it('6.4: the fix removes both culprits, and the second capture of the broken program shows the cache', () => {
    expect(x.over25).toBe(0);
    expect(x.longestRequestWaitMs).toBeLessThan(1);
    expect(x.mutex.cache.n + x.mutex.log.n).toBe(0);
    expect(x.syncProfile.totalMs).toBe(0);
    expect(goFile(RECORDINGS.fixed, 'sync-top.txt')).toMatch(/Showing nodes accounting for 0, 0% of/);
    expect(x.logWrite.n).toBeGreaterThan(0);
    expect(x.logWrite.byRequests).toBe(0);
    expect(x.regions.request.p99).toBeLessThan(b.regions.request.p99 / 10);
    // "here the cache was the bigger culprit": its lock, the slowest request, and a mark phase on it.
    expect(b.mutex.cache.ms).toBeGreaterThan(b.mutex.log.ms);
    expect(b.slowest.part).toBe('cache');
    expect(b.assists.inCacheMs).toBeGreaterThan(0);
    const slow = { start: b.slowest.atMs, end: b.slowest.atMs + b.slowest.ms };
    expect(lastGC(b).atMs < slow.end && lastGC(b).atMs + lastGC(b).ms > slow.start).toBe(true);
    expect(requestWaits(inputs.fixed.model, endedWaits(inputs.fixed.model)).length).toBe(0);
  });

  it("the program facts the lessons state are the program's", () => {
    const broken = read('playground/go/scenarios/slow-request/broken/slowservice.go');
    const wasm = read('playground/go/scenarios/slow-request/defaults_wasm.go');
    expect(broken).toContain('cache:   &cache{ttl: 500 * time.Millisecond'); // 6.1: "older than 500 ms"
    expect(broken).toContain('startShipper(time.Second, 40*time.Millisecond)'); // "once a second … 40 ms"
    expect(broken).toContain('trace.FlightRecorderConfig{MinAge: 2 * time.Second, MaxBytes: 16 << 20}'); // MinAge 2 s, MaxBytes 16 MiB
    expect(broken).toContain('fs.DurationVar(&c.slow, "slow", 25*time.Millisecond,'); // -slow 25 ms by default
    expect(load.slowMs).toBe(25);
    // The in-browser run (6.4): three seconds, 20,000 products, half the rate.
    expect(wasm).toMatch(/defaultLoad\s+= 3 \* time\.Second/);
    expect(wasm).toMatch(/defaultProducts = 20_000/);
    expect(wasm).toMatch(new RegExp(`defaultRate\\s+= ${load.rate / 2}\\b`));
    for (const locale of ['', 'zh-cn/'] as const) {
      expect(lessonText(locale, 'spike-and-capture')).toContain(`go run slowservice.go -load=${load.seconds}s -snapshot=slow.trace`);
      expect(lessonText(locale, 'spike-and-capture')).toContain(`\`-load=${load.seconds}s\``);
      expect(lessonText(locale, 'fix-and-verify')).toContain(`go run slowservice.go -load=${load.seconds}s -trace=before.trace`);
      expect(lessonText(locale, 'fix-and-verify')).toContain('20,000');
    }
  });

  it('the printed outputs are shown from the recordings themselves, not copied', () => {
    for (const locale of ['', 'zh-cn/'] as const) {
      expect(lessonText(locale, 'spike-and-capture')).toContain(`playground/traces/${RECORDINGS.snapshot}.out.txt?raw'`);
      expect(lessonText(locale, 'fix-and-verify')).toContain(`playground/traces/${RECORDINGS.broken}.out.txt?raw'`);
      expect(lessonText(locale, 'fix-and-verify')).toContain(`playground/traces/${RECORDINGS.fixed}.out.txt?raw'`);
      for (const slug of LESSONS) expect(lessonText(locale, slug), slug).not.toMatch(/^```go$/m);
    }
    expect(existsSync(join(root, 'playground/traces', `${RECORDINGS.snapshot}.out.txt`))).toBe(true);
  });
});

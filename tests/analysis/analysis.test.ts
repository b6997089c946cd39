// The analysis on recorded traces whose answers are known: the scenario programs print them
// (.out.txt) and the manifest lists them (playground/traces/manifest.json).

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyseBytes, analyseTrace, findings, findingRules, goroutineGroupSummaries, blockRateByWindow, transferables,
  goroutineOfRow, stateEnd, GState, type TraceModel, type IntervalColumns,
} from '../../src/analysis/index.ts';
import { bytesToText, textToBytes } from '../../src/trace/raw/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tracesDir = join(root, 'playground/traces');
const realDir = join(root, 'tests/fixtures/go-trace-testdata/real');

interface ManifestEntry {
  file: string;
  scenario: string;
  variant: string;
  parses: boolean;
  expect: Record<string, unknown>;
}
const manifest: ManifestEntry[] = JSON.parse(readFileSync(join(tracesDir, 'manifest.json'), 'utf8'));
const cache = new Map<string, TraceModel>();
function model(file: string): TraceModel {
  let m = cache.get(file);
  if (!m) cache.set(file, (m = analyseBytes(readFileSync(file.includes('/') ? file : join(tracesDir, file)))));
  return m;
}
const rules = (m: TraceModel): string[] => findings(m).map((f) => f.rule);
const allTraces = [
  ...readdirSync(tracesDir).filter((f) => f.endsWith('.trace')).map((f) => join(tracesDir, f)),
  ...readdirSync(realDir).filter((f) => f.endsWith('.trace')).map((f) => join(realDir, f)),
];

describe('known answers', () => {
  it('counts the GC cycles the program reports (anatomy)', () => {
    {
      const file = 'anatomy-default.go1.27.trace';
      const out = readFileSync(join(tracesDir, `${file}.out.txt`), 'utf8');
      const n = Number(/GC cycles while tracing: (\d+)/.exec(out)![1]);
      const m = model(file);
      const begun = [...m.gcCycles.start].filter((s) => s > 0).length;
      expect(begun).toBe(n);
    }
  });

  it('matches the manifest: GCs, tasks, regions, regions without task, logs', () => {
    for (const e of manifest) {
      if (!e.parses) continue;
      const m = model(e.file);
      const x = e.expect;
      if (typeof x.gcs === 'number') expect([...m.gcCycles.start].filter((s) => s > 0).length, e.file).toBe(x.gcs);
      if (typeof x.tasks === 'number') expect(m.tasks.filter((t) => t.start >= 0).length, e.file).toBe(x.tasks);
      if (typeof x.regions === 'number') expect(m.regions.length, e.file).toBe(x.regions);
      if (typeof x.regionsWithoutTask === 'number') expect([...m.regions.task].filter((t) => t === 0).length, e.file).toBe(x.regionsWithoutTask);
      if (typeof x.logs === 'number') expect(m.logs.length, e.file).toBe(x.logs);
      if (typeof x.header === 'string') expect(`${m.version} trace`, e.file).toBe(x.header);
    }
  });

  it("measures a goroutine's time blocked (wait-on-pipe: main sleeps 100 ms)", () => {
    const m = model(join(realDir, 'wait-on-pipe-go1.23.trace'));
    const g1 = m.goroutines.findIndex((g) => g.id === 1);
    const s = m.goroutineStates;
    let slept = 0;
    for (let i = s.offsets[g1]; i < s.offsets[g1 + 1] - 1; i++) if (s.state[i] === GState.Waiting && m.strings[s.reason[i]] === 'sleep') slept += stateEnd(s, i) - s.start[i];
    expect(slept).toBeGreaterThan(100e6);
    expect(slept).toBeLessThan(110e6);
    const main = goroutineGroupSummaries(m).find((r) => m.strings[r.group] === 'main.main')!;
    expect(main.waiting).toBeGreaterThanOrEqual(slept);
  });

  it("attributes regions to their task (lost-context broken: none; fixed: all)", () => {
    const broken = model('lost-context-broken.go1.27.trace');
    const fixed = model('lost-context-fixed.go1.27.trace');
    expect(broken.regions.length).toBe(16);
    expect([...broken.regions.task].every((t) => t === 0)).toBe(true);
    const taskIDs = new Set(fixed.tasks.map((t) => t.id));
    expect([...fixed.regions.task].every((t) => t !== 0 && taskIDs.has(t))).toBe(true);
    expect(rules(broken)).toContain('region-without-task');
    expect(rules(fixed)).not.toContain('region-without-task');
  });

  it('finds the goroutines blocked at the end (blocking-and-leaks)', () => {
    const broken = model('blocking-and-leaks-broken.go1.27.trace');
    const fixed = model('blocking-and-leaks-fixed.go1.27.trace');
    const blockedAtEnd = (m: TraceModel) => m.goroutines.filter((g) => !g.system && g.ended < 0 && g.finalState === GState.Waiting && m.strings[g.startFunc] !== 'main.main');
    expect(blockedAtEnd(broken).length).toBe(16);
    expect(blockedAtEnd(broken).every((g) => broken.strings[g.finalReason] === 'chan send')).toBe(true);
    expect(blockedAtEnd(fixed).length).toBe(0);
    const leak = findings(broken).filter((f) => f.rule === 'leak');
    expect(leak).toHaveLength(1);
    expect(leak[0].facts).toMatchObject({ goroutines: 16, reason: 'chan send' });
    expect(leak[0].severity).toBe('problem');
    expect(rules(fixed)).not.toContain('leak');
    // A server's idle connections, parked on the network when a snapshot is cut, are no leak.
    const snapshot = findings(model('slow-request-broken-snapshot.go1.27.trace')).filter((f) => f.rule === 'leak');
    expect(snapshot.map((f) => f.facts.reason)).not.toContain('network');
    expect(snapshot.map((f) => f.facts.group)).not.toContain('net/http.(*conn).serve');
    expect(rules(broken)).toContain('block-rate-jump');
    expect(rules(fixed)).not.toContain('block-rate-jump');
  });

  it('sees the goroutines that existed before tracing (late-start)', () => {
    for (const v of ['go1.22', 'go1.27']) {
      const broken = model(`late-start-broken.${v}.trace`);
      const fixed = model(`late-start-fixed.${v}.trace`);
      const pre = (m: TraceModel) => m.goroutines.filter((g) => !g.system && g.created < 0 && m.strings[g.startFunc] !== 'main.main').length;
      expect(pre(broken)).toBe(8);
      expect(pre(fixed)).toBe(0);
      const f = findings(broken).find((x) => x.rule === 'late-start')!;
      expect(f.facts.goroutines).toBeGreaterThanOrEqual(8);
      expect(f.lesson).toBe('init/late-start');
      expect(rules(fixed)).not.toContain('late-start');
    }
  });

  it('flags a trace missing its end (exit-without-stop)', () => {
    // Go 1.26+: os.Exit before trace.Stop leaves the header and the clock batch of a generation that
    // never ended (67/68 bytes). Go reads it without an error, as a trace with no event.
    for (const file of ['exit-without-stop-broken.go1.27.trace', 'exit-without-stop-broken-logfatal.go1.27.trace']) {
      const m = model(file);
      expect(m.error, file).toBeUndefined();
      expect(m.events, file).toBe(0);
      expect(m.truncated, file).toBe(true);
      expect(findings(m)[0]).toMatchObject({ rule: 'truncated', facts: { cause: 'header-only' }, lesson: 'principles/capturing-and-opening' });
    }
    // Up to Go 1.25 the same program left only the 16-byte header, which does not read at all.
    const header = analyseBytes(new Uint8Array([...new TextEncoder().encode('go 1.23 trace'), 0, 0, 0]));
    expect(header.error?.message).toContain('no frequency event found');
    expect(header.events, 'the Sync Go 1.27 gives before the error is not trace content').toBe(0);
    expect(header.truncatedCause).toBe('header-only');
    // A longer run keeps its flushed generations; the unended last one says the trace is cut short.
    for (const file of ['exit-without-stop-broken-long.go1.27.trace', 'exit-without-stop-panic-worker.go1.27.trace']) {
      const m = model(file);
      expect(m.error, file).toBeUndefined();
      expect(m.events, file).toBeGreaterThan(0);
      expect(m.truncatedCause, file).toBe('ended-early');
      expect(rules(m), file).toContain('truncated');
    }
    // Go 1.22-1.25 traces have no end marker: the advancer goroutine, running at the cut, tells.
    const old = model('exit-without-stop-broken-long.go1.23.trace');
    expect(old.error).toBeUndefined();
    expect(old.truncatedCause).toBe('generation-boundary');
    for (const file of ['exit-without-stop-fixed.go1.27.trace', 'exit-without-stop-panic.go1.27.trace']) {
      expect(model(file).truncated, file).toBe(false);
      expect(rules(model(file)), file).not.toContain('truncated');
    }
  });

  it('keeps what was read before an error (corrupted-output broken)', () => {
    const m = model('corrupted-output-broken.go1.27.trace');
    expect(m.error?.message).toContain('expected batch event, got');
    // The reader stops where the runtime's gctrace text begins, in place of a batch header.
    const at = m.error!.offset!;
    expect(readFileSync(join(tracesDir, 'corrupted-output-broken.go1.27.trace')).subarray(at, at + 3).toString('latin1')).toBe('gc ');
    expect(m.version).toBe('go 1.26');
    expect(rules(m)).toContain('read-error');
    expect(model('corrupted-output-fixed.go1.27.trace').error).toBeUndefined();
  });

  it('gives STW pauses their kind, and a heap series', () => {
    const m = model('anatomy-default.go1.27.trace');
    expect(m.stwPauses.length).toBeGreaterThan(0);
    const kinds = new Set([...m.stwPauses.name].map((n) => m.strings[n]));
    expect(kinds.has('stop-the-world (GC mark termination)')).toBe(true);
    for (const k of kinds) expect(k).toMatch(/^stop-the-world \(.+\)$/);
    expect(m.heapAlloc.length).toBeGreaterThan(0);
    expect(m.heapGoal.length).toBeGreaterThan(0);
    expect([...m.heapGoal.value].every((v) => v >= 0)).toBe(true);
    expect([...m.heapAlloc.value].every((v) => v > 0)).toBe(true);
    expect(m.markAssists.length).toBeGreaterThan(0);
  });

  it('builds the creation tree', () => {
    const m = model('anatomy-default.go1.27.trace');
    const created = m.goroutines.filter((g) => g.created >= 0 && !g.system);
    expect(created.length).toBe(10);
    for (const g of created) {
      expect(g.parent).toBeGreaterThanOrEqual(0);
      expect(m.goroutines[g.parent].created <= g.created).toBe(true);
    }
  });

  it('leaves pitfall rules off a clean trace', () => {
    const m = model('anatomy-default.go1.27.trace');
    const r = rules(m);
    for (const rule of ['truncated', 'read-error', 'late-start', 'leak', 'region-without-task', 'unended-task', 'unended-region']) expect(r).not.toContain(rule);
  });
});

function checkIntervals(name: string, t: IntervalColumns, duration: number): void {
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && t.start[i] < t.start[i - 1]) throw new Error(`${name}: row ${i} starts before row ${i - 1}`);
    if (!(t.end[i] >= t.start[i])) throw new Error(`${name}: row ${i} ends before it starts`);
    if (t.start[i] < 0 || t.end[i] > duration) throw new Error(`${name}: row ${i} outside the trace`);
    if (t.open[i] === 1 && t.end[i] !== duration) throw new Error(`${name}: open row ${i} does not end at the end`);
  }
}

describe('columnar invariants', () => {
  it.each(allTraces.map((f) => [f.split('/').pop()!, f]))('%s', (_, file) => {
    const m = model(file);
    const d = m.duration;
    for (const [name, t] of [
      ['gcCycles', m.gcCycles], ['stwPauses', m.stwPauses],
      ['markAssists', m.markAssists], ['regions', m.regions],
    ] as const) {
      checkIntervals(name, t, d);
      for (const [k, v] of Object.entries(t)) if (ArrayBuffer.isView(v)) expect((v as Float64Array).length, `${name}.${k}`).toBe(t.length);
    }
    const nG = m.goroutines.length, nS = m.strings.length, nK = m.stacks.length;
    // Goroutine states: each goroutine's rows in time order, ending with an End row; no gaps, no overlaps.
    const s = m.goroutineStates;
    expect(s.offsets.length).toBe(nG + 1);
    expect(s.offsets[0]).toBe(0);
    expect(s.offsets[nG]).toBe(s.length);
    for (const [k, v] of Object.entries(s)) if (ArrayBuffer.isView(v) && k !== 'offsets') expect((v as Float64Array).length, `goroutineStates.${k}`).toBe(s.length);
    for (let g = 0; g < nG; g++) {
      const a = s.offsets[g], b = s.offsets[g + 1];
      if (b <= a || s.state[b - 1] !== GState.End) throw new Error(`goroutine ${g} does not end with an End row`);
      const ended = m.goroutines[g].ended;
      if (s.start[b - 1] !== (ended >= 0 ? ended : d)) throw new Error(`goroutine ${g}: End row at ${s.start[b - 1]}, not at its end`);
      for (let i = a; i < b; i++) {
        if (i > a && s.start[i] < s.start[i - 1]) throw new Error(`goroutine ${g}: row ${i} starts before row ${i - 1}`);
        if (s.start[i] < 0 || s.start[i] > d) throw new Error(`state row ${i} outside the trace`);
        if (s.reason[i] >= nS || s.stack[i] >= nK || (s.state[i] > 4 && s.state[i] !== GState.End)) throw new Error(`state row ${i} out of range`);
        if (s.state[i] === GState.Running ? s.proc[i] < -1 : s.proc[i] !== -1) throw new Error(`state row ${i}: proc only while running`);
        expect(goroutineOfRow(s, i)).toBe(g);
      }
    }
    // P runs: the Running rows with a P, each listed once under its P, in time order.
    const pr = m.procRuns;
    expect(pr.offsets.length).toBe(m.procs.length + 1);
    expect(pr.offsets[m.procs.length]).toBe(pr.row.length);
    let running = 0;
    for (let i = 0; i < s.length; i++) if (s.state[i] === GState.Running && s.proc[i] >= 0) running++;
    expect(pr.row.length).toBe(running);
    m.procs.forEach((p, j) => {
      for (let k = pr.offsets[j]; k < pr.offsets[j + 1]; k++) {
        const r = pr.row[k];
        if (s.state[r] !== GState.Running || s.proc[r] !== p || goroutineOfRow(s, r) !== pr.goroutine[k]) throw new Error(`run ${k} of P${p} is not its Running row`);
        if (k > pr.offsets[j] && s.start[r] < s.start[pr.row[k - 1]]) throw new Error(`runs of P${p} out of order at ${k}`);
      }
    });
    for (let i = 0; i < m.regions.length; i++) if (m.regions.goroutine[i] >= nG || m.regions.name[i] >= nS) throw new Error(`region row ${i}`);
    for (let i = 0; i < m.logs.length; i++) {
      if (m.logs.goroutine[i] >= nG || m.logs.message[i] >= nS || m.logs.category[i] >= nS) throw new Error(`log row ${i}`);
      if (i > 0 && m.logs.time[i] < m.logs.time[i - 1]) throw new Error('logs out of order');
    }
    for (const g of m.goroutines) {
      expect(g.parent).toBeLessThan(nG);
      expect(g.startFunc).toBeLessThan(nS);
      expect(g.group).toBeLessThan(nS);
    }
    for (const stack of m.stacks) for (const f of stack) expect(f).toBeLessThan(nS);
    for (const h of [m.heapAlloc, m.heapGoal]) for (let i = 1; i < h.length; i++) expect(h.time[i]).toBeGreaterThanOrEqual(h.time[i - 1]);
    for (const f of findings(m)) {
      expect(findingRules.map((r) => r.id)).toContain(f.rule);
      const rule = findingRules.find((r) => r.id === f.rule)!;
      expect(Object.keys(f.facts).sort()).toEqual([...rule.facts].sort());
      expect(f.lesson).toBe(rule.lesson);
    }
  });
});

describe('streaming', () => {
  it.each(allTraces.map((f) => [f.split('/').pop()!, f]))('equals the whole-buffer analysis: %s', async (_, file) => {
    const whole = model(file);
    const chunks = async function* () {
      yield* createReadStream(file, { highWaterMark: 997 }) as AsyncIterable<Uint8Array>;
    };
    const streamed = await analyseTrace(chunks());
    expect(streamed).toEqual(whole);
  });

  it('reports progress and stops when aborted', async () => {
    const bytes = readFileSync(join(tracesDir, 'late-start-fixed.go1.22.trace'));
    const seen: number[] = [];
    const done = await analyseTrace(bytes, { onProgress: (b) => seen.push(b) });
    expect(seen.at(-1)).toBe(bytes.length);
    const ac = new AbortController();
    ac.abort();
    await expect(analyseTrace(bytes, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(done.events).toBeGreaterThan(0);
  });

  it('lists every typed array buffer for transfer', () => {
    const m = model('anatomy-default.go1.27.trace');
    const bufs = transferables(m);
    expect(bufs.length).toBeGreaterThanOrEqual(30);
    expect(bufs).toContain(m.goroutineStates.start.buffer);
    expect(bufs).toContain(m.goroutineStates.offsets.buffer);
    expect(bufs).toContain(m.procRuns.row.buffer);
    expect(bufs).toContain(m.logs.message.buffer);
    expect(new Set(bufs).size).toBe(bufs.length);
  });
});

describe('summaries', () => {
  it('block rate windows cover the trace and stay within 0..1', () => {
    const m = model('blocking-and-leaks-broken.go1.27.trace');
    const b = blockRateByWindow(m, 10e6);
    expect(b.blockedShare.length).toBe(Math.ceil(m.duration / 10e6));
    for (const x of b.blockedShare) expect(x >= 0 && x <= 1).toBe(true);
    const send = Object.entries(b.byReason).find(([r]) => m.strings[+r] === 'chan send')![1];
    expect(send[send.length - 1]).toBeGreaterThan(0);
  });
});

describe('strings from the program are data', () => {
  it('keeps a log message that looks like HTML as a plain string', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const text = bytesToText(readFileSync(join(realDir, 'annotations-go1.23.trace')));
    expect(text).toContain('data="0123456789abcdef"');
    // Swap the log's message string, and grow its batch's size by the difference.
    const lines = text.split('\n');
    const at = lines.indexOf('\tdata="0123456789abcdef"');
    lines[at] = `\tdata=${JSON.stringify(evil)}`;
    let b = at;
    while (!lines[b].startsWith('EventBatch ')) b--;
    lines[b] = lines[b].replace(/size=(\d+)/, (_, n) => `size=${Number(n) + evil.length - 16}`);
    const bytes = textToBytes(lines.join('\n'));
    const m = analyseBytes(bytes);
    expect(m.error).toBeUndefined();
    const messages = [...m.logs.message].map((i) => m.strings[i]);
    expect(messages).toContain(evil);
  });
});

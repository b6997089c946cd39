// The flight-recorder scenario, run natively with Go 1.27 (GOMAXPROCS=4): the program writes its
// flight recorder's window when a request exceeds the threshold, and the snapshot, read with the
// guide's own reader and analysis, holds that slow request whole and starts in the middle of the
// program's life. Without Go 1.27 the run is skipped with a message (a failure when CI is set).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goBin, hasGo } from '../../scripts/toolchains.ts';
import { analyseBytes, GState, type TraceModel } from '../../src/analysis/index.ts';
import { slowestRegion } from '../../src/components/go-scenario/slow-region.ts';
import { EventKind, GoState, Reader, ResourceKind } from '../../src/trace/index.ts';

const goDir = path.resolve(import.meta.dirname, '../../playground/go');
const GO = goBin('1.27');
const THRESHOLD_NS = 100e6;
const WORKERS = 4;

if (!hasGo('1.27')) {
  const msg = `[playground] ${GO} not found: skipping the native flight-recorder run`;
  if (process.env.CI) {
    describe('flight recorder, native', () => {
      it('needs Go 1.27 in CI', () => { throw new Error(msg); });
    });
  } else {
    console.warn(msg);
  }
}

describe.skipIf(!hasGo('1.27'))('flight recorder, native (Go 1.27, GOMAXPROCS=4)', () => {
  let tmp = '';
  let stdout = '';
  let snapshot = new Uint8Array();
  let model: TraceModel;
  const str = (i: number) => model.strings[i] ?? '';

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'flight-recorder-'));
    const runner = path.join(tmp, 'scenario');
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    const b = spawnSync(GO, ['build', '-trimpath', '-o', runner, './cmd/scenario'], { cwd: goDir, env, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`go build failed:\n${b.stderr}`);
    const trace = path.join(tmp, 'snapshot.trace');
    const r = spawnSync(runner, ['flight-recorder', '-o', trace], {
      cwd: tmp, env: { ...process.env, GOMAXPROCS: '4', GODEBUG: '' }, encoding: 'utf8', timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`flight-recorder exited with ${r.status}:\n${r.stdout}${r.stderr}`);
    stdout = r.stdout;
    snapshot = new Uint8Array(readFileSync(trace));
    model = analyseBytes(snapshot);
  }, 240_000);
  afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  it('writes its snapshot when a request exceeds the threshold, and the snapshot reads cleanly', () => {
    const line = /^snapshot after slow request (\d+) \(([\d.]+)ms\): (\d+) bytes written to /m.exec(stdout);
    expect(line, stdout).not.toBeNull();
    expect(snapshot.length).toBe(Number(line![3]));
    expect(model.error, model.error?.message).toBeUndefined();
    expect(model.version).toBe('go 1.26');
  });

  it('holds the slow request whole: its region lasts longer than the threshold, in a task "request", waiting on the cache lock', () => {
    const slow = slowestRegion(model, 'handleRequest', THRESHOLD_NS);
    expect(slow).not.toBeNull();
    expect(slow!.overThreshold).toBe(true);
    const rg = model.regions;
    const row = slow!.row;
    // The program measured the same request (time.Since around the region): within a millisecond.
    const printed = Number(/^snapshot after slow request \d+ \(([\d.]+)ms\)/m.exec(stdout)![1]) * 1e6;
    expect(Math.abs(slow!.durationNs - printed)).toBeLessThan(1e6);
    const task = model.tasks.find((t) => t.id === rg.task[row]);
    expect(task && str(task.name)).toBe('request');
    expect(task!.start).toBeGreaterThanOrEqual(0);
    // During the region its goroutine waited on the cache lock ("sync") while a refresh held it.
    const g = rg.goroutine[row];
    const gs = model.goroutineStates;
    let syncWaitNs = 0;
    for (let i = gs.offsets[g]; i + 1 < gs.offsets[g + 1]; i++) {
      if (gs.state[i] !== GState.Waiting || str(gs.reason[i]) !== 'sync') continue;
      const a = Math.max(gs.start[i], rg.start[row]);
      const b = Math.min(gs.start[i + 1], rg.end[row]);
      if (b > a) syncWaitNs += b - a;
    }
    expect(syncWaitNs).toBeGreaterThan(THRESHOLD_NS / 2);
    const refresh = [...Array(rg.length).keys()].find((i) => str(rg.name[i]) === 'refreshCache' && rg.start[i] < rg.start[row]);
    expect(refresh, 'the refresh that held the lock').toBeDefined();
  });

  it('starts mid-life: the server goroutines appear through status events, and the recorder\'s start is gone', () => {
    const server = model.goroutines.filter((g) => str(g.startFunc).startsWith('fieldguide/playground/scenarios/flight-recorder.(*server).'));
    // The workers, the request generator and the refresh, all started before the window.
    expect(server.length).toBe(WORKERS + 2);
    for (const g of server) expect(g.created, `G${g.id} ${str(g.startFunc)}`).toBe(-1);
    // The reader agrees: each one's first transition is from Undetermined (a status event), none
    // from NotExist (a creation).
    const first = new Map<number, number>();
    for (const ev of new Reader(snapshot)) {
      if (ev.kind() !== EventKind.StateTransition) continue;
      const st = ev.stateTransition();
      if (st.resource.kind !== ResourceKind.Goroutine || first.has(st.resource.id)) continue;
      first.set(st.resource.id, st.goroutine().from);
    }
    for (const g of server) expect(first.get(g.id), `G${g.id}`).toBe(GoState.Undetermined);
    // FlightRecorder.Start stopped the world to start the tracer; the window no longer reaches it.
    for (let i = 0; i < model.stwPauses.length; i++) expect(str(model.stwPauses.name[i])).not.toBe('stop-the-world (start trace)');
    const served = /^served \d+ requests in ([\d.]+)(ms|s);/m.exec(stdout)!;
    const ranNs = Number(served[1]) * (served[2] === 's' ? 1e9 : 1e6);
    expect(model.duration).toBeLessThan(ranNs - 500e6);
  });
});

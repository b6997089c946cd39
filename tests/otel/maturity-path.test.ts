// Lesson 5.1's programs, copied verbatim into playground/otel/maturity-path, built and run with
// Go 1.27 (blockrate against Debian's packaged golang.org/x/exp/trace). The flight-recorder
// server listens on the fixed ports the lesson gives it (:8080, 127.0.0.1:6060), so it runs in a
// network namespace of its own (unshare --net, as root): its own loopback, nothing shared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventKind, Reader } from '../../src/trace/index.ts';
import { buildStamped } from '../../playground/otel/harness/toolchain.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const canUnshare = spawnSync('unshare', ['--net', 'true']).status === 0;

function regions(file: string): string[] {
  const out: string[] = [];
  for (const ev of new Reader(readFileSync(file))) {
    if (ev.kind() === EventKind.RegionBegin) out.push(`begin ${ev.region().type}`);
    if (ev.kind() === EventKind.RegionEnd) out.push(`end ${ev.region().type}`);
  }
  return out;
}

describe.skipIf(!haveOtelToolchain('5.1 programs with Go 1.27'))('5.1 programs with Go 1.27', () => {
  const bin = (p: string) => buildStamped(`maturity-path/${p}`, p).file;

  it('mw: the second request\'s trace.Start fails, the first stops tracing for both; B\'s region never ends', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-mw-'));
    const r = spawnSync(bin('mw'), { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    // Go 1.27's wording; Go 1.23 said "runtime error: tracing is already enabled".
    expect(r.stdout).toContain('/B: trace.Start err=execution tracer already enabled\n');
    expect(r.stdout).toMatch(/^\/A: trace\.Stop\(\) at \d+ms$/m);
    expect(r.stdout).toMatch(/^\/B: done at \d+ms, tracing enabled: false$/m);
    expect(regions(path.join(dir, 'trace.out')).sort()).toEqual(['begin work/A', 'begin work/B', 'end work/A']);

    const br = spawnSync(bin('blockrate'), ['-window=50ms', path.join(dir, 'trace.out')], { encoding: 'utf8', timeout: 60_000 });
    expect(br.status, br.stderr).toBe(0);
    expect(br.stdout).toMatch(/^window 0 \(0s–50ms\):/m);
    expect(br.stdout).toMatch(/^blocked at the end, by reason: map\[/m);
  }, 300_000);

  it.skipIf(!canUnshare && !process.env.CI)('flight recorder server: a slow request saves the window; /debug/pprof/trace works beside it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-fr-'));
    const script = path.join(dir, 'run.sh');
    writeFileSync(script, `set -e
ip link set lo up
"$1" > server.out 2> server.err &
pid=$!
for i in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:8080/ && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:8080/$(printf 'x%.0s' $(seq 350))"
sleep 1
curl -s -o pprof.trace -w '%{http_code}\\n' 'http://127.0.0.1:6060/debug/pprof/trace?seconds=1'
kill $pid
wait $pid || true
`);
    const r = spawnSync('unshare', ['--net', 'bash', script, bin('flightrecorder')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('200');
    const err = readFileSync(path.join(dir, 'server.err'), 'utf8');
    expect(err).toMatch(/WARN slow request request_id=[0-9a-f]{16} path=\/x+ duration=3\d\d/);
    const snapshot = readdirSync(dir).find((f) => /^slow-[0-9a-f]{16}\.trace$/.test(f))!;
    expect(snapshot).toBeDefined();
    const id = /slow-([0-9a-f]{16})/.exec(snapshot)![1];
    let task = 0;
    const logs: string[] = [];
    for (const ev of new Reader(readFileSync(path.join(dir, snapshot)))) {
      if (ev.kind() === EventKind.TaskBegin && ev.task().type === 'http.request') task++;
      if (ev.kind() === EventKind.Log) logs.push(`${ev.log().category}=${ev.log().message}`);
    }
    expect(task).toBeGreaterThan(0);
    expect(logs).toContain(`request_id=${id}`);
    expect(readFileSync(path.join(dir, 'pprof.trace')).subarray(0, 16).toString('latin1')).toBe('go 1.26 trace\0\0\0');
  }, 300_000);
});

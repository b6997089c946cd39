// Known answers for go tool trace's blocking profiles, without Go: what Go 1.27's
// `go tool trace -pprof=sync` says about the case study's broken trace (go-pprof-known.json,
// written by `scripts/go-pprof-reference.sh known`). The lock in the service's cache is the
// heaviest mutex stack; the load generator's channel receive, waiting for responses, is the
// heaviest stack of all. tests/analysis/go-pprof.test.ts compares everything with Go itself.

import { describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { BlockingProfiles, blockingProfilesOf, profileRecordsOf } from '../../src/analysis/go/pprof.ts';
import { pprofBytes, pprofProto } from '../../src/analysis/go/pprof-encode.ts';
import type { ProfileRecord } from '../../src/analysis/go/types.ts';
import { readEventsAsync } from '../../src/trace/index.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const known = JSON.parse(readFileSync(new URL('./go-pprof-known.json', import.meta.url), 'utf8'));
const tracePath = `${repoRoot}${known.trace}`;
const funcs = (r: ProfileRecord): string[] => r.stack.map((f) => f.func);

describe('blocking profiles: known answers from go tool trace -pprof=sync', () => {
  const sync = profileRecordsOf(readFileSync(tracePath), 'sync');

  it('has as many stacks, contentions and nanoseconds as Go', () => {
    expect(sync.length).toBe(known.stacks);
    expect(sync.reduce((s, r) => s + r.count, 0)).toBe(known.totalCount);
    expect(sync.reduce((s, r) => s + r.time, 0)).toBe(known.totalDelay);
  });

  it('puts the load generator\'s channel receive first, as Go', () => {
    expect(funcs(sync[0])).toEqual(known.top.funcs);
    expect(sync[0].time).toBe(known.top.delay);
    expect(sync[0].count).toBe(known.top.count);
  });

  it('finds the cache\'s mutex in the service, with Go\'s delay', () => {
    const mutex = sync.find((r) => r.stack[0]?.func === 'sync.(*Mutex).Lock');
    expect(mutex).toBeDefined();
    expect(funcs(mutex!)).toEqual(known.topMutex.funcs);
    expect(funcs(mutex!)[1]).toMatch(/slow-request\/broken\.\(\*cache\)\.get$/);
    expect(mutex!.time).toBe(known.topMutex.delay);
    expect(mutex!.count).toBe(known.topMutex.count);
    expect(mutex!.stack[0]).toMatchObject({ file: expect.stringMatching(/sync\/mutex\.go$/), line: expect.any(Number), pc: expect.any(Number) });
  });

  it('reads the same streaming, chunk by chunk, as from one buffer', async () => {
    const bp = new BlockingProfiles();
    for await (const ev of readEventsAsync(createReadStream(tracePath, { highWaterMark: 4096 }))) bp.event(ev);
    expect(bp.finish()).toEqual(blockingProfilesOf(readFileSync(tracePath)));
  });

  it('gzips the encoded profile, which starts with the sample types Go writes', async () => {
    const proto = pprofProto(sync);
    expect(Buffer.from(gunzipSync(await pprofBytes(sync, 'sync'))).equals(Buffer.from(proto))).toBe(true);
    // sample_type { type: 1 unit: 2 } twice: strings 1-4 are contentions, count, delay, nanoseconds.
    expect([...proto.subarray(0, 8)]).toEqual([0x0a, 4, 0x08, 1, 0x10, 2, 0x0a, 4]);
    const text = Buffer.from(proto).toString('latin1');
    for (const s of ['contentions', 'count', 'delay', 'nanoseconds', 'trace', 'sync.(*Mutex).Lock']) expect(text).toContain(s);
  });
});

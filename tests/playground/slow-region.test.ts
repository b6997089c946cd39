// The region the page marks in a flight-recorder snapshot (src/components/go-scenario/slow-region.ts),
// on the recorded snapshot: the slowest whole "handleRequest", as long as the manifest says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/analysis/index.ts';
import { slowestRegion, slowRegionHighlight } from '../../src/components/go-scenario/slow-region.ts';

const FILE = 'flight-recorder-default.go1.27.trace';
const manifest: { file: string; facts: { longestRegionMs: Record<string, number> } }[] = JSON.parse(readFileSync('playground/traces/manifest.json', 'utf8'));
const model = analyseBytes(new Uint8Array(readFileSync(`playground/traces/${FILE}`)));
const strings = { slowRegion: 'Slow {region}: {duration}, over {threshold}', slowestRegion: 'Slowest {region}: {duration}, none over {threshold}' };

describe('the slow request of a snapshot', () => {
  it('is the longest whole handleRequest region, over the threshold', () => {
    const slow = slowestRegion(model, 'handleRequest', 100e6)!;
    const longestMs = manifest.find((e) => e.file === FILE)!.facts.longestRegionMs.handleRequest;
    expect(Math.abs(slow.durationNs / 1e6 - longestMs)).toBeLessThan(0.001);
    expect(slow.overThreshold).toBe(true);
    expect(model.strings[model.regions.name[slow.row]]).toBe('handleRequest');
  });

  it('is labelled with its duration and the threshold, and said not to be slow when under it', () => {
    const slow = slowestRegion(model, 'handleRequest', 100e6)!;
    const ms = Number((slow.durationNs / 1e6).toPrecision(3));
    expect(slowRegionHighlight(model, { region: 'handleRequest', thresholdNs: 100e6 }, strings)).toEqual({
      region: slow.row,
      label: `Slow handleRequest: ${ms} ms, over 100 ms`,
    });
    expect(slowRegionHighlight(model, { region: 'handleRequest', thresholdNs: 1e9 }, strings)!.label).toBe(`Slowest handleRequest: ${ms} ms, none over 1 s`);
  });

  it('leaves out regions cut by the window, and is absent when there is none', () => {
    // Three handleRequest regions: the longest began before the window, the next is still open at
    // its end; only the third has both ends in the trace.
    const regions = {
      length: 3,
      start: Float64Array.of(0, 10, 20),
      end: Float64Array.of(900e6, 800e6, 150e6),
      open: Uint8Array.of(0, 1, 0),
      beganBefore: Uint8Array.of(1, 0, 0),
      name: Uint32Array.of(1, 1, 1),
    };
    const cut = { strings: ['', 'handleRequest'], regions } as unknown as typeof model;
    expect(slowestRegion(cut, 'handleRequest', 100e6)).toEqual({ row: 2, durationNs: 150e6 - 20, overThreshold: true });
    expect(slowestRegion(model, 'no-such-region', 0)).toBeNull();
    expect(slowRegionHighlight(model, { region: 'no-such-region', thresholdNs: 0 }, strings)).toBeUndefined();
  });
});

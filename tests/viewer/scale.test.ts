import { describe, expect, it } from 'vitest';
import {
  centreOn, clampWindow, fillTemplate, fitTo, formatNs, MIN_SPAN_NS, panBy, ticks, timeToX, xToTime, zoomAt,
} from '../../src/components/trace-viewer/scale.ts';

const D = 1_000_000; // a 1 ms trace

describe('time scale', () => {
  it('maps time to x and back', () => {
    const w = { start: 100, end: 1100 };
    expect(timeToX(w, 500, 600)).toBe(250);
    expect(xToTime(w, 500, 250)).toBe(600);
  });

  it('zooms about the anchor: the time under the pointer stays put', () => {
    const w = { start: 0, end: D };
    const anchorX = 300;
    const before = xToTime(w, 1000, anchorX);
    const z = zoomAt(w, 1000, 4, anchorX, D);
    expect(z.end - z.start).toBeCloseTo(D / 4);
    expect(xToTime(z, 1000, anchorX)).toBeCloseTo(before);
  });

  it('never zooms narrower than MIN_SPAN_NS or wider than the trace plus margins', () => {
    let w = { start: 0, end: D };
    for (let i = 0; i < 100; i++) w = zoomAt(w, 1000, 2, 500, D);
    expect(w.end - w.start).toBeCloseTo(MIN_SPAN_NS);
    for (let i = 0; i < 100; i++) w = zoomAt(w, 1000, 0.5, 500, D);
    expect(w.end - w.start).toBeCloseTo(D * 1.04);
  });

  it('pans by pixels and stops at the ends', () => {
    const w = { start: 0, end: D / 10 };
    const p = panBy(w, 1000, 100, D);
    expect(p.start).toBeCloseTo(D / 100);
    expect(p.end - p.start).toBeCloseTo(D / 10);
    const far = panBy(w, 1000, 1e9, D);
    expect(far.end).toBeCloseTo(D * 1.02);
    const back = panBy(w, 1000, -1e9, D);
    expect(back.start).toBeCloseTo(-D * 0.02);
  });

  it('clamps nonsense windows', () => {
    expect(clampWindow({ start: NaN, end: NaN }, D).end).toBeGreaterThan(0);
    expect(clampWindow({ start: 5, end: 5 }, D).end - 5).toBeCloseTo(MIN_SPAN_NS);
  });

  it('centres and fits', () => {
    const c = centreOn({ start: 0, end: 1000 }, 500_000, D);
    expect((c.start + c.end) / 2).toBeCloseTo(500_000);
    const f = fitTo(1000, 2000, D);
    expect(f.start).toBeCloseTo(900);
    expect(f.end).toBeCloseTo(2100);
  });

  it('picks round tick steps', () => {
    const t = ticks({ start: 0, end: D }, 900, 90);
    expect([1, 2, 5].some((m) => (t.step / m) % 10 ** Math.floor(Math.log10(t.step / m)) === 0)).toBe(true);
    expect(t.step).toBe(100_000);
    expect(t.times[0]).toBe(0);
  });

  it('formats times and templates', () => {
    expect(formatNs(999)).toBe('999 ns');
    expect(formatNs(1500)).toBe('1.5 µs');
    expect(formatNs(2_217_024)).toBe('2.22 ms');
    expect(formatNs(3.5e9)).toBe('3.5 s');
    expect(fillTemplate('{a} of {b} {c}', { a: 1, b: 'x' })).toBe('1 of x {c}');
  });
});

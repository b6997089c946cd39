import { describe, expect, it } from 'vitest';
import { intervalAt, laneAt, nearestTime, rowAt, seriesAt } from '../../src/components/trace-viewer/hit.ts';

describe('hit testing', () => {
  it('finds the lane under y', () => {
    const tops = [0, 20, 50];
    const heights = [20, 30, 10];
    expect(laneAt(tops, heights, 0)).toBe(0);
    expect(laneAt(tops, heights, 19.9)).toBe(0);
    expect(laneAt(tops, heights, 20)).toBe(1);
    expect(laneAt(tops, heights, 59)).toBe(2);
    expect(laneAt(tops, heights, 60)).toBe(-1);
    expect(laneAt(tops, heights, -1)).toBe(-1);
  });

  it('finds the row inside a lane', () => {
    expect(rowAt([16, 9, 9], 3)).toBe(0);
    expect(rowAt([16, 9, 9], 17)).toBe(1);
    expect(rowAt([16, 9, 9], 30)).toBe(2);
    expect(rowAt([16, 9, 9], 40)).toBe(-1);
  });

  const track = { length: 3, start: Float64Array.of(0, 100, 300), end: Float64Array.of(50, 200, 310), row: Uint32Array.of(0, 1, 2) };
  it('finds the interval containing t', () => {
    expect(intervalAt(track, 10)).toBe(0);
    expect(intervalAt(track, 150)).toBe(1);
    expect(intervalAt(track, 305)).toBe(2);
    expect(intervalAt(track, 250)).toBe(-1);
  });

  it('snaps to a near interval within the tolerance (sub-pixel intervals)', () => {
    expect(intervalAt(track, 295, 10)).toBe(2);
    expect(intervalAt(track, 205, 10)).toBe(1);
    expect(intervalAt(track, 250, 10)).toBe(-1);
    expect(intervalAt({ length: 0, start: new Float64Array(), end: new Float64Array(), row: new Uint32Array() }, 5, 100)).toBe(-1);
  });

  it('finds the nearest time, optionally through an index list', () => {
    const times = [10, 20, 30, 40];
    expect(nearestTime(times, 22, 5)).toBe(1);
    expect(nearestTime(times, 26, 5)).toBe(2);
    expect(nearestTime(times, 26, 3)).toBe(-1);
    expect(nearestTime(times, 100, 5)).toBe(-1);
    expect(nearestTime(times, 39, 5, [0, 3])).toBe(1);
  });

  it('reads a step series', () => {
    const time = [0, 10, 20];
    const value = [1, 2, 3];
    expect(seriesAt(time, value, 3, -1)).toBeNaN();
    expect(seriesAt(time, value, 3, 0)).toBe(1);
    expect(seriesAt(time, value, 3, 15)).toBe(2);
    expect(seriesAt(time, value, 3, 99)).toBe(3);
  });
});

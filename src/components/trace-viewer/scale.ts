/**
 * The visible time window of the timeline and the maths that maps time to pixels: zoom about a point,
 * pan by pixels, clamp to the trace. Pure, so it is unit-tested (tests/viewer/scale.test.ts).
 *
 * Times are ns from the first event (the model's convention); x is CSS pixels from the left edge of
 * the plot area (the label gutter excluded).
 */
import { formatMessage, pageLang } from '../../site/message.ts';

export interface TimeWindow {
  start: number;
  end: number;
}

/** The narrowest window a reader can zoom to: 100 ns across the whole plot. */
export const MIN_SPAN_NS = 100;

export function timeToX(w: TimeWindow, width: number, t: number): number {
  return ((t - w.start) / (w.end - w.start)) * width;
}

export function xToTime(w: TimeWindow, width: number, x: number): number {
  return w.start + (x / width) * (w.end - w.start);
}

export function nsPerPixel(w: TimeWindow, width: number): number {
  return (w.end - w.start) / Math.max(1, width);
}

/**
 * Keep a window inside the trace: no wider than the trace (plus a 2 % margin each side), no narrower
 * than MIN_SPAN_NS, and not scrolled past either end.
 */
export function clampWindow(w: TimeWindow, duration: number): TimeWindow {
  const margin = Math.max(duration * 0.02, MIN_SPAN_NS);
  const lo = -margin;
  const hi = Math.max(duration, MIN_SPAN_NS) + margin;
  let span = Math.min(Math.max(w.end - w.start, MIN_SPAN_NS), hi - lo);
  let start = w.start;
  if (!Number.isFinite(start)) start = 0;
  if (!Number.isFinite(span)) span = hi - lo;
  if (start < lo) start = lo;
  if (start + span > hi) start = hi - span;
  return { start, end: start + span };
}

/** Zoom by `factor` (> 1 zooms in) keeping the time under `anchorX` where it is. */
export function zoomAt(w: TimeWindow, width: number, factor: number, anchorX: number, duration: number): TimeWindow {
  const anchor = xToTime(w, width, anchorX);
  const span = (w.end - w.start) / factor;
  const frac = width > 0 ? anchorX / width : 0.5;
  return clampWindow({ start: anchor - frac * span, end: anchor - frac * span + span }, duration);
}

/** Pan by `dx` pixels (positive moves the view later in time). */
export function panBy(w: TimeWindow, width: number, dx: number, duration: number): TimeWindow {
  const dt = dx * nsPerPixel(w, width);
  return clampWindow({ start: w.start + dt, end: w.end + dt }, duration);
}

/** A window of the same span centred on t (used to jump to a finding or follow the playhead). */
export function centreOn(w: TimeWindow, t: number, duration: number): TimeWindow {
  const span = w.end - w.start;
  return clampWindow({ start: t - span / 2, end: t + span / 2 }, duration);
}

/** A window showing [start, end] with a 10 % margin each side. */
export function fitTo(start: number, end: number, duration: number): TimeWindow {
  const span = Math.max(end - start, MIN_SPAN_NS);
  return clampWindow({ start: start - span * 0.1, end: end + span * 0.1 }, duration);
}

/** Tick marks for the time axis: a round step (1, 2 or 5 × 10^k ns) giving about `targetPx` between ticks. */
export function ticks(w: TimeWindow, width: number, targetPx = 90): { step: number; times: number[] } {
  const raw = nsPerPixel(w, width) * targetPx;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const times: number[] = [];
  for (let t = Math.ceil(w.start / step) * step; t <= w.end && times.length < 200; t += step) times.push(t);
  return { step, times };
}

/** "12.5 ms", "340 µs", "1.20 s": a duration or a time, in the unit that suits its size. */
export function formatNs(ns: number, digits = 3): string {
  const a = Math.abs(ns);
  const fmt = (v: number, unit: string) => `${Number(v.toPrecision(digits))} ${unit}`;
  if (a >= 1e9) return fmt(ns / 1e9, 's');
  if (a >= 1e6) return fmt(ns / 1e6, 'ms');
  if (a >= 1e3) return fmt(ns / 1e3, 'µs');
  return `${Math.round(ns)} ns`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1 << 30) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  return `${(n / (1 << 30)).toFixed(2)} GiB`;
}

/** Fill "{name}" placeholders from facts; unknown placeholders stay as they are. */
export function fillTemplate(template: string, facts: Record<string, string | number>, lang = pageLang()): string {
  return formatMessage(template, facts, lang);
}

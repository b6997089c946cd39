/**
 * An OpenTelemetry span shown on the timeline (the viewer's focusSpan): a band over the time its
 * task was open, the goroutines that worked for it outlined there, and the stretches in which they
 * were not running (waiting, runnable, in a syscall) hatched. What to show comes from the analysis
 * (src/analysis/span-tasks.ts); this module only draws it, over the lanes the viewer has drawn.
 */
import type { Palette } from './colors.ts';

export interface SpanFocus {
  /** Drawn at the top of the band, e.g. "frontend · GET". */
  label: string;
  /** Index into model.tasks of the span's task: the viewer selects it. */
  task: number;
  /** ns from the trace's start. */
  start: number;
  end: number;
  /** Indices into model.goroutines: their lanes are revealed and outlined. */
  goroutines: number[];
  /** Stretches of those goroutines inside the span in which they were not running. */
  waits: { goroutine: number; start: number; end: number }[];
}

export interface FocusGeometry {
  /** Canvas x (CSS px) of a time. */
  x(t: number): number;
  /** The plot area: left and right edges, top (below the axis) and bottom. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The state row of a goroutine's lane where it is on screen, else null. */
  stateRow(goroutine: number): { y: number; h: number } | null;
}

export function drawSpanFocus(ctx: CanvasRenderingContext2D, f: SpanFocus, g: FocusGeometry, palette: Palette) {
  const a = Math.max(g.left, g.x(f.start));
  // At least 3 px, so a span of microseconds still shows when zoomed out.
  const b = Math.min(g.right, Math.max(g.x(f.end), g.x(f.start) + 3));
  if (b < g.left || a > g.right) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, g.top, g.right - g.left, g.bottom - g.top);
  ctx.clip();
  ctx.globalAlpha = 0.12;
  ctx.fillStyle = palette.task;
  ctx.fillRect(a, g.top, b - a, g.bottom - g.top);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.task;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(a) + 0.5, g.top);
  ctx.lineTo(Math.round(a) + 0.5, g.bottom);
  ctx.moveTo(Math.round(b) - 0.5, g.top);
  ctx.lineTo(Math.round(b) - 0.5, g.bottom);
  ctx.stroke();
  ctx.setLineDash([]);

  for (const w of f.waits) {
    const row = g.stateRow(w.goroutine);
    if (!row) continue;
    const wa = Math.max(a, g.x(w.start));
    const wb = Math.min(b, Math.max(g.x(w.end), wa + 1));
    if (wb <= wa) continue;
    hatch(ctx, wa, row.y, wb - wa, row.h - 1, palette.marker);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = palette.task;
  for (const goroutine of f.goroutines) {
    const row = g.stateRow(goroutine);
    if (row) ctx.strokeRect(a, row.y - 1, b - a, row.h + 1);
  }
  ctx.lineWidth = 1;

  // The label in a pill at the band's start, kept inside the plot.
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const text = f.label;
  const tw = Math.min(ctx.measureText(text).width + 8, g.right - g.left);
  const lx = Math.max(g.left, Math.min(a, g.right - tw));
  const ly = g.bottom - 18;
  ctx.fillStyle = palette.task;
  ctx.fillRect(lx, ly, tw, 16);
  ctx.fillStyle = palette.dark ? '#000' : '#fff';
  ctx.fillText(text, lx + 4, ly + 8, tw - 8);
  ctx.restore();
}

/** Diagonal stripes over a rectangle: time in which a goroutine of the span was not running. */
function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = color;
  ctx.fillRect(x, y, w, h);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let sx = x - h; sx < x + w; sx += 6) {
    ctx.moveTo(sx, y + h);
    ctx.lineTo(sx + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

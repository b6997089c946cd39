/**
 * Drawing one frame of the timeline from its state: lanes, their gutter labels, the heap graph, log
 * ticks, the selection, the axis, the lesson's markers, a focused span and the playhead. Reads the
 * state and never changes it, except to keep the scroll offset within the content.
 */
import { GState } from '../../analysis/model.ts';
import { goroutineOfRow } from '../../analysis/queries.ts';
import { intervalAt, seriesAt } from './hit.ts';
import { ROW, type Lane } from './lanes.ts';
import { at, firstEndingAfter, firstStartingAtOrAfter, modelRow, spansForView, type Span, type Track } from './lod.ts';
import { formatBytes, formatNs, ticks, timeToX, xToTime } from './scale.ts';
import { drawSpanFocus } from './span-focus.ts';
import {
  AXIS, GUTTER, isAssistRow, laneIndexAtContentY, lanesH, maxScroll, plotW, rowTop, type Text, type TimelineState,
} from './timeline-state.ts';

export interface Painter {
  draw(): void;
}

export function createPainter(ctx: CanvasRenderingContext2D, st: TimelineState, text: Text): Painter {
  const { m, lanes, markers, height } = st;
  const { str, stateName } = text;
  // One buffer for every track's spans: a frame draws thousands of tracks, and allocates none.
  const spanBuf: Span[] = [];

  const trunc = (s: string, max: number) => {
    if (ctx.measureText(s).width <= max) return s;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(s.slice(0, mid) + '…').width <= max) lo = mid;
      else hi = mid - 1;
    }
    return lo > 0 ? s.slice(0, lo) + '…' : '';
  };

  function trackColor(lane: Lane, row: number, key: number): string {
    const { palette } = st;
    switch (lane.kind) {
      case 'proc':
        return palette.hues[key];
      case 'gc':
        return row === 0 ? palette.gc : palette.stw;
      case 'tasks':
        return palette.task;
      case 'goroutine': {
        if (row === 0) return palette.states[key] ?? palette.muted;
        if (lane.tracks[row].key === undefined) return palette.muted;
        return isAssistRow(lane, row) ? palette.assist : palette.regionHues[key];
      }
      default:
        return palette.muted;
    }
  }

  /** Names drawn inside wide intervals (regions, tasks, the goroutine on a P) when few are visible. */
  function drawNames(track: Track, lane: Lane, row: number, x0: number, y: number, h: number) {
    const { win } = st;
    const i0 = firstEndingAfter(track, win.start);
    const i1 = firstStartingAtOrAfter(track, win.end);
    if (i1 - i0 > 300) return;
    const W = plotW(st);
    ctx.fillStyle = st.palette.dark ? '#000' : '#fff';
    for (let i = i0; i < i1; i++) {
      const a = Math.max(0, timeToX(win, W, track.start[at(track, i)]));
      const b = Math.min(W, timeToX(win, W, track.end[at(track, i)]));
      if (b - a < 28) continue;
      let name = '';
      if (lane.kind === 'proc') name = `G${m.goroutines[goroutineOfRow(m.goroutineStates, modelRow(track, i))]?.id}`;
      else if (lane.kind === 'tasks') name = str(m.tasks[modelRow(track, i)]?.name ?? 0);
      else if (lane.kind === 'goroutine' && row > 0 && !isAssistRow(lane, row)) name = str(m.regions.name[modelRow(track, i)]);
      if (!name) continue;
      ctx.fillText(trunc(name, b - a - 4), x0 + a + 2, y + h / 2);
    }
  }

  function draw() {
    const { palette, win, shown, tops, cssWidth } = st;
    const W = plotW(st);
    const H = height;
    ctx.setTransform(st.dpr, 0, 0, st.dpr, 0, 0);
    ctx.fillStyle = palette.bg;
    ctx.fillRect(0, 0, cssWidth, H);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    st.scrollY = Math.min(Math.max(0, st.scrollY), maxScroll(st));
    const scrollY = st.scrollY;

    // Lanes.
    const first = Math.max(0, laneIndexAtContentY(st, scrollY));
    for (let li = first; li < shown.length; li++) {
      const top = AXIS + tops[li] - scrollY;
      if (top > H) break;
      const lane = shown[li];
      if (li % 2 === 1 || lane.kind === 'group') {
        ctx.fillStyle = palette.stripe;
        ctx.fillRect(0, top, cssWidth, lane.height);
      }
      if (lane === st.highlightedLane) {
        ctx.globalAlpha = 0.25;
        ctx.fillStyle = palette.accent;
        ctx.fillRect(0, top, cssWidth, lane.height);
        ctx.globalAlpha = 1;
      }
      ctx.save();
      ctx.beginPath();
      ctx.rect(GUTTER, Math.max(top, AXIS), W, lane.height);
      ctx.clip();
      if (lane.kind === 'heap') drawHeap(top, lane.height, W);
      let y = top + 1;
      lane.tracks.forEach((track, r) => {
        const h = lane.rowHeights[r];
        const inset = lane.kind === 'goroutine' && r > 0 ? 1 : 0;
        spansForView(track, win.start, win.end, W, spanBuf);
        for (const sp of spanBuf) {
          ctx.globalAlpha = sp.alpha;
          ctx.fillStyle = trackColor(lane, r, sp.key);
          ctx.fillRect(GUTTER + sp.x0, y + inset, Math.max(sp.x1 - sp.x0, 1), h - 1 - inset);
        }
        ctx.globalAlpha = 1;
        if (lane.kind === 'proc' || lane.kind === 'tasks' || (lane.kind === 'goroutine' && r > 0)) drawNames(track, lane, r, GUTTER, y, h);
        y += h;
      });
      if (lane.logs && lane.logs.length) drawLogs(lane, top, W);
      if (st.selected && st.selected.lane === lane) drawSelection(lane, top, W);
      ctx.restore();
      drawLabel(lane, top);
    }

    // Axis.
    ctx.fillStyle = palette.bg;
    ctx.fillRect(0, 0, cssWidth, AXIS);
    ctx.strokeStyle = palette.grid;
    ctx.fillStyle = palette.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const tk = ticks(win, W);
    ctx.textAlign = 'left';
    for (const t of tk.times) {
      const x = Math.round(GUTTER + timeToX(win, W, t)) + 0.5;
      ctx.moveTo(x, AXIS - 6);
      ctx.lineTo(x, AXIS);
      ctx.fillText(formatNs(t), x + 2, AXIS / 2);
    }
    ctx.moveTo(0, AXIS + 0.5);
    ctx.lineTo(cssWidth, AXIS + 0.5);
    ctx.stroke();

    // Markers from the lesson.
    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER, 0, W, H);
    ctx.clip();
    markers.forEach((mk, mi) => {
      if (mk.end !== undefined) {
        // A highlighted interval: a band over every lane, at least 3 px wide, so it shows at any zoom.
        const a = GUTTER + timeToX(win, W, mk.t);
        const b = Math.max(GUTTER + timeToX(win, W, mk.end), a + 3);
        if (b < GUTTER || a > GUTTER + W) return;
        ctx.globalAlpha = 0.18;
        ctx.fillStyle = palette.marker;
        ctx.fillRect(a, AXIS, b - a, H - AXIS);
        ctx.globalAlpha = 1;
      }
      const x = Math.round(GUTTER + timeToX(win, W, mk.t)) + 0.5;
      if (x < GUTTER || x > GUTTER + W) return;
      ctx.strokeStyle = palette.marker;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, AXIS);
      ctx.lineTo(x, H);
      ctx.stroke();
      ctx.setLineDash([]);
      const label = trunc(mk.label, 260);
      const tw = ctx.measureText(label).width + 8;
      const bx = Math.min(x, GUTTER + W - tw);
      ctx.fillStyle = palette.marker;
      // Labels are staggered in rows so markers close in time do not hide each other.
      const ly = AXIS + 2 + (mi % 3) * 18;
      ctx.fillRect(bx, ly, tw, 16);
      ctx.fillStyle = palette.dark ? '#000' : '#fff';
      ctx.fillText(label, bx + 4, ly + 8);
    });
    if (st.spanFocus) {
      drawSpanFocus(ctx, st.spanFocus, {
        x: (t) => GUTTER + timeToX(win, W, t), left: GUTTER, right: GUTTER + W, top: AXIS, bottom: H,
        stateRow: (g) => {
          const li = shown.indexOf(lanes.goroutineLanes[g]);
          return li < 0 ? null : { y: AXIS + tops[li] - scrollY + 1, h: ROW };
        },
      }, palette);
    }
    // Playhead.
    const px = GUTTER + timeToX(win, W, st.playhead);
    if (px >= GUTTER && px <= GUTTER + W) {
      ctx.fillStyle = palette.accent;
      ctx.fillRect(Math.round(px) - 1, 0, 2, H);
    }
    ctx.restore();
    ctx.fillStyle = palette.grid;
    ctx.fillRect(GUTTER - 1, 0, 1, H);
    // Vertical scroll indicator.
    if (maxScroll(st) > 0) {
      const lh = lanesH(st);
      const barH = Math.max(20, (lh * lh) / st.contentHeight);
      const barY = AXIS + (scrollY / maxScroll(st)) * (lh - barH);
      ctx.fillStyle = palette.grid;
      ctx.fillRect(cssWidth - 4, barY, 3, barH);
    }
  }

  function drawLabel(lane: Lane, top: number) {
    const { palette, playhead } = st;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, Math.max(top, AXIS), GUTTER - 2, lane.height);
    ctx.clip();
    ctx.fillStyle = palette.bg;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(0, top, GUTTER - 1, lane.height);
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.text;
    ctx.textAlign = 'left';
    const mid = top + Math.min(lane.height, 18) / 2 + 1;
    if (lane.kind === 'group') {
      const gi = lanes.groupLanes.indexOf(lane);
      const gr = lanes.groups[gi];
      // Function names are long (module paths): the gutter shows the part after the last slash.
      const short = lane.label.slice(lane.label.lastIndexOf('/', lane.label.length - 2) + 1);
      const label = `${gr.collapsed ? '▸' : '▾'} ${short} (${gr.goroutines.length})`;
      ctx.font = 'bold 11px system-ui, sans-serif';
      ctx.fillText(trunc(label, GUTTER - 8), 4, mid);
      ctx.font = '11px system-ui, sans-serif';
    } else if (lane.kind === 'goroutine') {
      const track = lane.tracks[0];
      const i = intervalAt(track, playhead);
      const state = i >= 0 && track.key[i] !== GState.End ? track.key[i] : -1;
      ctx.fillStyle = state >= 0 ? palette.states[state] : palette.grid;
      ctx.beginPath();
      ctx.arc(12, mid, 4, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = palette.text;
      const sub = state >= 0 ? ` ${stateName(state)}` : '';
      ctx.fillText(trunc(`${lane.label}${sub}`, GUTTER - 26), 20, mid);
    } else if (lane.kind === 'proc') {
      const track = lane.tracks[0];
      const i = intervalAt(track, playhead);
      const g = i >= 0 ? goroutineOfRow(m.goroutineStates, modelRow(track, i)) : -1;
      if (g >= 0) {
        ctx.fillStyle = palette.hues[track.key[i]];
        ctx.fillRect(4, mid - 5, 8, 10);
      }
      ctx.fillStyle = palette.text;
      ctx.fillText(trunc(g >= 0 ? `${lane.label} · G${m.goroutines[g]?.id}` : lane.label, GUTTER - 22), 18, mid);
    } else {
      ctx.fillText(trunc(lane.label, GUTTER - 8), 4, mid);
    }
    ctx.restore();
  }

  function drawHeap(top: number, h: number, W: number) {
    const { palette, win } = st;
    const a = m.heapAlloc;
    const g = m.heapGoal;
    let max = 0;
    for (let i = 0; i < a.length; i++) if (a.value[i] > max) max = a.value[i];
    for (let i = 0; i < g.length; i++) if (g.value[i] > max) max = g.value[i];
    if (max <= 0) return;
    const yOf = (v: number) => top + h - 2 - (v / max) * (h - 4);
    const series = (s: typeof a, fill: boolean) => {
      if (s.length === 0) return;
      ctx.beginPath();
      let started = false;
      let lastY = 0;
      for (let x = 0; x <= W; x++) {
        const v = seriesAt(s.time, s.value, s.length, xToTime(win, W, x));
        if (Number.isNaN(v)) continue;
        const y = yOf(v);
        if (!started) {
          ctx.moveTo(GUTTER + x, fill ? top + h : y);
          if (fill) ctx.lineTo(GUTTER + x, y);
          started = true;
        } else {
          ctx.lineTo(GUTTER + x, lastY);
          ctx.lineTo(GUTTER + x, y);
        }
        lastY = y;
      }
      if (!started) return;
      if (fill) {
        ctx.lineTo(GUTTER + W, lastY);
        ctx.lineTo(GUTTER + W, top + h);
        ctx.closePath();
        ctx.fillStyle = palette.heap;
        ctx.globalAlpha = 0.45;
        ctx.fill();
        ctx.globalAlpha = 1;
      } else {
        ctx.strokeStyle = palette.goal;
        ctx.lineWidth = 1.5;
        ctx.stroke();
        ctx.lineWidth = 1;
      }
    };
    series(a, true);
    series(g, false);
    ctx.fillStyle = palette.muted;
    ctx.fillText(formatBytes(max), GUTTER + 4, top + 8);
  }

  function drawLogs(lane: Lane, top: number, W: number) {
    const { win } = st;
    const rows = lane.logs!;
    const times = m.logs.time;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[rows[mid]] < win.start) lo = mid + 1;
      else hi = mid;
    }
    ctx.fillStyle = st.palette.log;
    let lastX = -10;
    for (let k = lo; k < rows.length; k++) {
      const t = times[rows[k]];
      if (t > win.end) break;
      const x = GUTTER + timeToX(win, W, t);
      if (x - lastX < 2) continue;
      lastX = x;
      ctx.beginPath();
      ctx.moveTo(x - 3, top + 1);
      ctx.lineTo(x + 3, top + 1);
      ctx.lineTo(x, top + 7);
      ctx.closePath();
      ctx.fill();
    }
  }

  function drawSelection(lane: Lane, top: number, W: number) {
    const { selected, win } = st;
    if (!selected || selected.index < 0) return;
    let a: number;
    let b: number;
    let y: number;
    let h: number;
    if (selected.kind === 'log') {
      a = b = m.logs.time[selected.index];
      y = top;
      h = 8;
    } else {
      const track = lane.tracks[selected.row];
      if (!track) return;
      a = track.start[at(track, selected.index)];
      b = track.end[at(track, selected.index)];
      y = top + 1 + rowTop(lane, selected.row);
      h = lane.rowHeights[selected.row];
    }
    const x0 = GUTTER + timeToX(win, W, a);
    const x1 = GUTTER + timeToX(win, W, b);
    ctx.strokeStyle = st.palette.text;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, y - 0.5, Math.max(2, x1 - x0 + 2), h);
    ctx.lineWidth = 1;
  }

  return { draw };
}

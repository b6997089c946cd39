/**
 * Which lane, row and interval of the timeline lie under a point of the canvas, or under the
 * playhead. Over the state's layout and window; pure lane and interval lookups are in hit.ts.
 */
import { intervalAt, laneAt, nearestTime, rowAt } from './hit.ts';
import { timeToX, xToTime } from './scale.ts';
import { AXIS, GUTTER, isAssistRow, plotW, rowTop, type Hit, type TimelineState } from './timeline-state.ts';

/** The hit at canvas point (x, y), in CSS pixels. */
export function hitAt(st: TimelineState, x: number, y: number): Hit | null {
  const { m, win, scrollY, tops } = st;
  if (y < AXIS || x < 0) return null;
  const li = laneAt(tops, st.heights, y - AXIS + scrollY);
  if (li < 0) return null;
  const lane = st.shown[li];
  const W = plotW(st);
  if (lane.kind === 'group') return { lane, row: -1, index: -1, kind: 'group', t: 0 };
  if (x < GUTTER) return null;
  const t = xToTime(win, W, x - GUTTER);
  // Four pixels either side: a sub-pixel interval can still be pointed at.
  const tol = 4 * ((win.end - win.start) / W);
  const dy = y - AXIS + scrollY - tops[li];
  if (lane.kind === 'heap') return { lane, row: 0, index: 0, kind: 'heap', t };
  if (lane.logs && lane.logs.length && dy < 8) {
    const k = nearestTime(m.logs.time, t, tol, lane.logs);
    if (k >= 0) return { lane, row: 0, index: lane.logs[k], kind: 'log', t };
  }
  const row = rowAt(lane.rowHeights, dy - 1);
  if (row < 0) return null;
  const track = lane.tracks[row];
  const i = intervalAt(track, t, tol);
  if (i < 0) return null;
  const kind: Hit['kind'] =
    lane.kind === 'proc' ? 'proc' : lane.kind === 'gc' ? (row === 0 ? 'gc' : 'stw') : lane.kind === 'tasks' ? 'task' : row === 0 ? 'state' : isAssistRow(lane, row) ? 'assist' : 'region';
  return { lane, row, index: i, kind, t };
}

/**
 * What is under the playhead, for Enter: in the selected lane if it has something there, else in
 * the first lane in view, top to bottom, that does.
 */
export function hitAtPlayhead(st: TimelineState): Hit | null {
  const { shown, tops, scrollY } = st;
  const x = GUTTER + timeToX(st.win, plotW(st), st.playhead);
  const order = shown.map((_, i) => i);
  const current = st.selected ? shown.indexOf(st.selected.lane) : -1;
  if (current >= 0) order.unshift(current);
  for (const li of order) {
    const lane = shown[li];
    if (lane.kind === 'group') continue;
    for (let row = 0; row < Math.max(1, lane.rowHeights.length); row++) {
      const y = AXIS + tops[li] - scrollY + 1 + rowTop(lane, row) + (lane.rowHeights[row] ?? lane.height) / 2;
      if (y < AXIS || y > st.height) continue;
      const h = hitAt(st, x, y);
      if (h && h.kind !== 'group') return h;
    }
  }
  return null;
}

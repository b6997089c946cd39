/**
 * Moving about the timeline: the window, the playhead and playback, selection, opening groups to
 * reveal a goroutine, and what other views ask to see (time-model.ts). Every change goes through
 * here, so the page's readouts (scrubber, time, data attributes the tests read, the shared time
 * model) follow the state, and a frame is requested.
 */
import { GState } from '../../analysis/model.ts';
import { intervalAt } from './hit.ts';
import type { Lane } from './lanes.ts';
import { modelRow } from './lod.ts';
import { centreOn, clampWindow, fitTo, formatNs, type TimeWindow } from './scale.ts';
import type { SpanFocus } from './span-focus.ts';
import type { Focus, TimeModel } from './time-model.ts';
import { renderDetails } from './timeline-details.ts';
import { lanesH, relayout, type Hit, type Text, type TimelineState } from './timeline-state.ts';

/** The elements navigation keeps up to date. */
export interface NavElements {
  root: HTMLElement;
  scrubber: HTMLInputElement;
  timeOut: HTMLOutputElement;
  now: HTMLElement;
  playBtn: HTMLButtonElement;
  selection: HTMLElement;
  selBody: HTMLElement;
}

export interface Navigator {
  setWindow(w: TimeWindow): void;
  /** `follow` pages the window along when the playhead leaves it (playback, the scrubber). */
  setPlayhead(t: number, follow: boolean): void;
  setPlaying(p: boolean): void;
  jumpTo(t: number, movePlayhead: boolean): void;
  /** Opens the goroutine's group and scrolls its lane into view; returns the lane. */
  revealGoroutine(g: number): Lane;
  /** Selects a hit; `reveal` (a click or Enter) scrolls its details into view when they are off screen. */
  select(h: Hit | null, reveal?: boolean): void;
  /** Selects region row i on its goroutine's lane (revealed first). */
  selectRegion(i: number): void;
  /** Opens on region i with as much time again on each side, selected, its lane in view. */
  focusRegion(i: number): void;
  /** Selects task ti (an index into model.tasks) on the tasks lane. */
  selectTask(ti: number): void;
  toggleGroup(lane: Lane): void;
  /** What another view asked to see (time-model.ts): a goroutine's lifetime, or a stretch of time. */
  showFocus(f: Focus): void;
  focusSpan(f: SpanFocus | null): void;
}

export function createNavigator(st: TimelineState, els: NavElements, text: Text, time: TimeModel, requestDraw: () => void): Navigator {
  const { m, lanes, duration } = st;
  const { S } = text;
  const { root } = els;
  let nowUpdated = 0;

  function setWindow(w: TimeWindow) {
    st.win = clampWindow(w, duration);
    root.dataset.windowStart = String(st.win.start);
    root.dataset.windowEnd = String(st.win.end);
    time.setWindow(st.win);
    requestDraw();
  }
  function setPlayhead(t: number, follow: boolean) {
    st.playhead = Math.min(Math.max(0, t), duration);
    const playhead = st.playhead;
    els.scrubber.value = String(playhead);
    els.timeOut.textContent = `${formatNs(playhead)} / ${formatNs(duration)}`;
    root.dataset.playhead = String(playhead);
    time.playhead = playhead;
    if (follow && (playhead > st.win.end || playhead < st.win.start)) {
      const span = st.win.end - st.win.start;
      setWindow({ start: playhead - span * 0.1, end: playhead + span * 0.9 });
    }
    // Counting every goroutine's state is too much for each frame of playback: a few times a second.
    const t0 = performance.now();
    if (t0 - nowUpdated > 150 || !st.playing) {
      nowUpdated = t0;
      updateNow();
    }
    requestDraw();
  }
  function updateNow() {
    const counts = [0, 0, 0, 0, 0];
    for (const lane of lanes.goroutineLanes) {
      const i = intervalAt(lane.tracks[0], st.playhead);
      if (i >= 0 && lane.tracks[0].key[i] < counts.length) counts[lane.tracks[0].key[i]]++;
    }
    els.now.textContent = S('now', {
      time: formatNs(st.playhead),
      running: counts[GState.Running],
      runnable: counts[GState.Runnable],
      waiting: counts[GState.Waiting],
      syscall: counts[GState.Syscall],
    });
  }
  function setPlaying(p: boolean) {
    st.playing = p;
    st.lastTick = 0;
    els.playBtn.textContent = p ? S('pause') : S('play');
    els.playBtn.setAttribute('aria-pressed', String(p));
    root.dataset.playing = String(p);
    if (p) {
      if (st.playhead >= duration) setPlayhead(0, true);
      requestDraw();
    }
  }
  function jumpTo(t: number, movePlayhead: boolean) {
    if (t < st.win.start || t > st.win.end) setWindow(centreOn(st.win, t, duration));
    if (movePlayhead) setPlayhead(t, false);
    requestDraw();
  }
  function revealGoroutine(g: number): Lane {
    const gi = lanes.groups.findIndex((gr) => gr.goroutines.includes(g));
    if (gi >= 0 && lanes.groups[gi].collapsed) {
      lanes.groups[gi].collapsed = false;
      relayout(st);
    }
    const lane = lanes.goroutineLanes[g];
    const li = st.shown.indexOf(lane);
    const { tops, heights } = st;
    if (li >= 0 && (tops[li] < st.scrollY || tops[li] + heights[li] > st.scrollY + lanesH(st))) st.scrollY = Math.max(0, tops[li] - lanesH(st) / 3);
    requestDraw();
    return lane;
  }
  function select(h: Hit | null, reveal = false) {
    const selected = h && h.kind !== 'group' ? h : null;
    st.selected = selected;
    if (selected) renderDetails(els.selBody, m, selected, true, text);
    else els.selBody.replaceChildren(S('selectionNone'));
    requestDraw();
    const task = selected?.kind === 'task' ? modelRow(selected.lane.tracks[selected.row], selected.index) : -1;
    root.dispatchEvent(new CustomEvent('trace-viewer:select', { bubbles: true, detail: { task } }));
    if (selected && reveal) {
      const box = els.selection.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        els.selection.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      }
    }
  }
  function selectRegion(i: number) {
    const lane = revealGoroutine(m.regions.goroutine[i]);
    for (let r = 1; r < lane.tracks.length; r++) {
      const k = lane.tracks[r].row?.indexOf(i) ?? -1;
      if (k >= 0) return select({ lane, row: r, index: k, kind: 'region', t: m.regions.start[i] });
    }
  }
  function focusRegion(i: number) {
    const a = m.regions.start[i];
    const b = m.regions.end[i];
    setWindow(clampWindow({ start: a - (b - a), end: b + (b - a) }, duration));
    setPlayhead(a, false);
    selectRegion(i);
  }
  function selectTask(ti: number) {
    const lane = lanes.fixed.find((l) => l.kind === 'tasks');
    if (!lane) return;
    const t = m.tasks[ti];
    for (let r = 0; r < lane.tracks.length; r++) {
      const k = lane.tracks[r].row?.indexOf(ti) ?? -1;
      if (k >= 0) return select({ lane, row: r, index: k, kind: 'task', t: Math.max(0, t.start) });
    }
  }
  function toggleGroup(lane: Lane) {
    const gi = lanes.groupLanes.indexOf(lane);
    if (gi < 0) return;
    lanes.groups[gi].collapsed = !lanes.groups[gi].collapsed;
    relayout(st);
    requestDraw();
  }
  function showFocus(f: Focus) {
    const g = f.kind === 'goroutine' ? f.id : f.goroutine;
    const index = g === undefined ? -1 : m.goroutines.findIndex((gor) => gor.id === g);
    const a = Math.max(0, f.start);
    const b = Math.min(duration, f.end < 0 ? duration : f.end);
    setWindow(f.kind === 'goroutine' ? fitTo(a, b, duration) : clampWindow({ start: a - (b - a) * 0.1, end: b + (b - a) * 0.1 }, duration));
    setPlayhead(a, false);
    st.highlightedLane = null;
    root.dataset.highlightGoroutine = index >= 0 ? String(g) : '';
    if (index >= 0) {
      const lane = revealGoroutine(index);
      st.highlightedLane = lane;
      select({ lane, row: 0, index: Math.max(0, intervalAt(lane.tracks[0], a, duration)), kind: 'state', t: a });
    }
    requestDraw();
  }
  function focusSpan(f: SpanFocus | null) {
    const spanFocus = f && f.task >= 0 && f.task < m.tasks.length ? f : null;
    st.spanFocus = spanFocus;
    root.dataset.spanFocus = spanFocus ? String(m.tasks[spanFocus.task].id) : '';
    if (spanFocus) {
      // The span's own goroutine (first) ends up in view.
      for (const g of [...spanFocus.goroutines].reverse()) revealGoroutine(g);
      setWindow(fitTo(spanFocus.start, spanFocus.end, duration));
      setPlayhead(spanFocus.start, false);
      selectTask(spanFocus.task);
    }
    requestDraw();
  }

  return { setWindow, setPlayhead, setPlaying, jumpTo, revealGoroutine, select, selectRegion, focusRegion, selectTask, toggleGroup, showFocus, focusSpan };
}

/**
 * The timeline view: a canvas timeline of one analysed trace (src/analysis/model.ts) with playback,
 * zoom and pan (wheel, drag, pinch, keyboard), hover and click details, search, a legend, the trace
 * doctor's findings and a text summary for screen readers.
 *
 * Loaded only when a viewer scrolls into view (trace-viewer-element.ts imports it dynamically); the
 * viewer shell (viewer.ts) mounts it in its first tab and shares its window through time-model.ts.
 * Every string that comes from the trace (function names, region, task and log text, reasons, stack
 * frames) is put on the page with textContent or drawn with fillText, never parsed as HTML.
 *
 * mountTimeline owns the state (timeline-state.ts) and wires the parts that share it: the controls
 * (timeline-toolbar.ts), the text panels (timeline-panels.ts), navigation (timeline-nav.ts), input
 * (timeline-input.ts), drawing (timeline-draw.ts) and the animation frame that plays the trace.
 */
import type { Finding, TraceModel } from '../../analysis/model.ts';
import { readPalette } from './colors.ts';
import { el } from './dom.ts';
import { buildLanes, visibleLanes } from './lanes.ts';
import { clampWindow } from './scale.ts';
import type { TimeModel } from './time-model.ts';
import { createPainter } from './timeline-draw.ts';
import { bindInput } from './timeline-input.ts';
import { createNavigator } from './timeline-nav.ts';
import { buildAbout, buildLogs, buildMarkerList, buildSelection, createFindings, createLegend, createSummary } from './timeline-panels.ts';
import {
  makeText, relayout, resolveMarker, SPEEDS, type PlacedMarker, type TimelineHandle, type TimelineOptions, type TimelineState,
} from './timeline-state.ts';
import { buildControls } from './timeline-toolbar.ts';

export { formatFacts } from './timeline-panels.ts';
export { resolveMarker } from './timeline-state.ts';
export type { Marker, RegionHighlight, Strings, TimelineHandle, TimelineOptions } from './timeline-state.ts';

export function mountTimeline(host: HTMLElement, model: TraceModel, opts: TimelineOptions, time: TimeModel): TimelineHandle {
  const m = model;
  const text = makeText(m, opts.strings);
  const { S } = text;
  const duration = Math.max(m.duration, 1);

  const lanes = buildLanes(m, {
    proc: (id) => S('lane.proc', { id }),
    gc: S('lane.gc'),
    heap: S('lane.heap'),
    tasks: S('lane.tasks'),
  });
  const markers: PlacedMarker[] = (opts.markers ?? []).map((mk) => ({ t: resolveMarker(m, mk.at), label: mk.label }));
  const highlight = opts.highlight && opts.highlight.region >= 0 && opts.highlight.region < m.regions.length ? opts.highlight : undefined;
  if (highlight) markers.unshift({ t: m.regions.start[highlight.region], end: m.regions.end[highlight.region], label: highlight.label });

  const st: TimelineState = {
    m,
    duration,
    height: opts.height ?? 440,
    lanes,
    markers,
    shown: visibleLanes(lanes),
    tops: new Float64Array(0),
    heights: new Float64Array(0),
    contentHeight: 0,
    palette: readPalette(),
    win: clampWindow(opts.window ?? { start: 0, end: duration }, duration),
    scrollY: 0,
    playhead: 0,
    playing: false,
    speed: SPEEDS[0],
    lastTick: 0,
    selected: null,
    spanFocus: null,
    highlightedLane: null,
    cssWidth: 0,
    dpr: 1,
  };
  relayout(st);

  // ---- DOM ----
  const root = el('div', 'tv');
  const c = buildControls(text, duration, st.height);
  const { selection, selBody } = buildSelection(text);
  const nav = createNavigator(st, { root, scrubber: c.scrubber, timeOut: c.timeOut, now: c.now, playBtn: c.playBtn, selection, selBody }, text, time, requestDraw);

  const legend = createLegend(text);
  legend.fill(st.palette);
  const markerList = buildMarkerList(markers, highlight, nav);
  const findings = createFindings(opts, text, nav);
  let pendingFindings = typeof opts.findings === 'function' ? opts.findings : null;
  if (pendingFindings === null) findings.show((opts.findings as Finding[] | undefined) ?? []);
  else findings.showPending();
  const logsBox = buildLogs(m, text, nav);
  const summary = createSummary(m, text, findings.count);
  const about = buildAbout(m, text);

  root.append(about, c.toolbar, c.results, c.stage, c.help, c.now, markerList, legend.el, selection, findings.el, logsBox, summary.el);
  host.replaceChildren(root);

  // ---- drawing ----
  const ctx = c.canvas.getContext('2d', { alpha: false })!;
  const painter = createPainter(ctx, st, text);
  const resize = () => {
    st.dpr = window.devicePixelRatio || 1;
    st.cssWidth = Math.max(200, c.stage.clientWidth);
    c.canvas.width = Math.round(st.cssWidth * st.dpr);
    c.canvas.height = Math.round(st.height * st.dpr);
    c.canvas.style.width = `${st.cssWidth}px`;
    c.canvas.style.height = `${st.height}px`;
    requestDraw();
  };

  let drawQueued = false;
  let frameId = 0;
  /** The deferred trace doctor: after the first frame, so the timeline shows first. */
  let findingsTimer = 0;
  function runFindings() {
    const compute = pendingFindings!;
    pendingFindings = null;
    let list: Finding[] = [];
    try {
      list = compute();
    } catch {
      // A doctor that fails leaves the timeline as it is: no findings, rather than no viewer.
    }
    findings.show(list);
    summary.write();
  }
  function requestDraw() {
    if (drawQueued) return;
    drawQueued = true;
    frameId = requestAnimationFrame(frame);
  }
  function frame(ts: number) {
    drawQueued = false;
    if (st.playing) {
      // A late frame (a background tab, a long draw) advances at most 100 ms of wall time, so playback never leaps.
      const dt = st.lastTick ? Math.min(100, ts - st.lastTick) : 0;
      st.lastTick = ts;
      let p = st.playhead + dt * 1e6 * st.speed.rate(duration);
      if (p >= duration) {
        p = duration;
        nav.setPlaying(false);
      }
      nav.setPlayhead(p, true);
      if (st.playing) requestDraw();
    }
    const t0 = performance.now();
    painter.draw();
    if (pendingFindings !== null && findingsTimer === 0) findingsTimer = window.setTimeout(runFindings, 0);
    // For the bench (scripts/bench-viewer.ts): when the frame ran and how long drawing took.
    root.dispatchEvent(new CustomEvent('trace-viewer:frame', { detail: { ts, drawMs: performance.now() - t0 } }));
  }

  // ---- input ----
  const ac = new AbortController();
  bindInput(st, c, nav, text, { requestDraw, signal: ac.signal });
  const stopFocus = time.onFocus(nav.showFocus);

  const themeObserver = new MutationObserver(() => {
    st.palette = readPalette();
    legend.fill(st.palette);
    requestDraw();
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const resizeObserver = new ResizeObserver(() => resize());
  resizeObserver.observe(c.stage);

  nav.setWindow(st.win);
  nav.setPlayhead(opts.window ? st.win.start : 0, false);
  if (highlight) nav.focusRegion(highlight.region);
  resize();

  return {
    root,
    focusSpan: nav.focusSpan,
    destroy() {
      ac.abort();
      stopFocus();
      themeObserver.disconnect();
      resizeObserver.disconnect();
      cancelAnimationFrame(frameId);
      clearTimeout(findingsTimer);
      st.playing = false;
    },
    state: () => ({ window: { ...st.win }, playhead: st.playhead, playing: st.playing }),
  };
}

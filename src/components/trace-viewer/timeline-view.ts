/**
 * The timeline view: a canvas timeline of one analysed trace (src/analysis/model.ts) with playback,
 * zoom and pan (wheel, drag, pinch, keyboard), hover and click details, search, a legend, the trace
 * doctor's findings and a text summary for screen readers.
 *
 * Loaded only when a viewer scrolls into view (trace-viewer-element.ts imports it dynamically); the
 * viewer shell (viewer.ts) mounts it in its first tab and shares its window through time-model.ts.
 * Every string that comes from the trace (function names, region, task and log text, reasons, stack
 * frames) is put on the page with textContent or drawn with fillText, never parsed as HTML.
 */
import { GState, type Finding, type TraceModel } from '../../analysis/model.ts';
import { goroutineOfRow, stateOpen } from '../../analysis/queries.ts';
import { writtenBy } from '../../trace/version.ts';
import { readPalette, type Palette } from './colors.ts';
import { findingsFor, type Runtime } from './runtime.ts';
import { intervalAt, laneAt, nearestTime, rowAt, seriesAt } from './hit.ts';
import { buildLanes, ROW, visibleLanes, type Lane, type LaneSet } from './lanes.ts';
import { at, firstEndingAfter, firstStartingAtOrAfter, modelRow, spansForView, type Span, type Track } from './lod.ts';
import { drawSpanFocus, type SpanFocus } from './span-focus.ts';
import { el } from './dom.ts';
import type { Focus, TimeModel } from './time-model.ts';
import {
  centreOn, clampWindow, fillTemplate, fitTo, formatBytes, formatNs, panBy, ticks, timeToX, xToTime, zoomAt, type TimeWindow,
} from './scale.ts';

export type Strings = Record<string, string>;

export interface Marker {
  /** ns from the first event, or a query: the first STW / GC / region / task / log whose name contains it. */
  at: number | string;
  label: string;
}

/** A region to point the reader at: the viewer opens on it, selected, under a labelled band. */
export interface RegionHighlight {
  /** Row of TraceModel.regions. */
  region: number;
  /** Lesson or page text, e.g. the region's duration and why it matters. */
  label: string;
}

export interface TimelineOptions {
  strings: Strings;
  markers?: Marker[];
  highlight?: RegionHighlight;
  window?: { start: number; end: number };
  height?: number;
  /**
   * The trace doctor's findings, or a function computing them: then they are computed after the
   * timeline is first drawn (on a large trace the doctor reads every goroutine state, a few hundred
   * milliseconds the timeline need not wait for).
   */
  findings?: Finding[] | (() => Finding[]);
  /** Root-relative prefix for lesson links: BASE_URL plus 'zh-cn/' on Chinese pages. */
  lessonBase?: string;
  /** Slugs of the lessons the site has published: findings link only to those (the rest are not written yet). */
  publishedLessons?: string[];
  /** Where the trace was recorded (runtime.ts): in WebAssembly some findings are expected, and said to be. */
  runtime?: Runtime;
}

export interface TimelineHandle {
  destroy(): void;
  readonly root: HTMLElement;
  /**
   * Shows an OpenTelemetry span on the timeline (span-focus.ts): opens on it, selects its task and
   * reveals its goroutines; null clears it. The viewer tells which task the reader selects with a
   * `trace-viewer:select` event ({ task }: an index into model.tasks, or -1).
   */
  focusSpan(focus: SpanFocus | null): void;
  /** For tests and the bench: the current window and playhead. */
  state(): { window: TimeWindow; playhead: number; playing: boolean };
}

const GUTTER = 150;
const AXIS = 22;
const SPEEDS: { id: string; rate: (d: number) => number }[] = [
  { id: 'fit20', rate: (d) => d / 20e9 },
  { id: 'fit60', rate: (d) => d / 60e9 },
  { id: '0.001', rate: () => 0.001 },
  { id: '0.01', rate: () => 0.01 },
  { id: '0.1', rate: () => 0.1 },
  { id: '1', rate: () => 1 },
  { id: '10', rate: () => 10 },
];

/**
 * Format the facts of a finding for its message. The doctor gives numbers already in the unit its
 * name says (…Ms, …Percent), so numbers are only rounded; a truncation `cause` is a code, put into words.
 */
export function formatFacts(facts: Record<string, string | number>, S: (key: string) => string = (k) => k): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts)) {
    if (k === 'cause' && typeof v === 'string') out[k] = S(`cause.${v}`);
    else if (typeof v !== 'number') out[k] = v;
    else out[k] = Number.isInteger(v) ? v.toLocaleString('en-US') : String(Math.round(v * 100) / 100);
  }
  return out;
}

/** Resolve a marker's `at`: a number is a time; a string is the first range, region, task or log naming it. */
export function resolveMarker(m: TraceModel, at: number | string): number {
  if (typeof at === 'number') return at;
  const q = at.toLowerCase();
  const has = (s: number) => (m.strings[s] ?? '').toLowerCase().includes(q);
  let best = Infinity;
  for (let i = 0; i < m.stwPauses.length; i++) if (has(m.stwPauses.name[i])) { best = Math.min(best, m.stwPauses.start[i]); break; }
  if (q.includes('gc') && m.gcCycles.length > 0 && best === Infinity && 'gc concurrent mark phase'.includes(q)) best = m.gcCycles.start[0];
  for (let i = 0; i < m.regions.length && best === Infinity; i++) if (has(m.regions.name[i])) best = m.regions.start[i];
  for (const t of m.tasks) if (best === Infinity && has(t.name)) best = Math.max(0, t.start);
  for (let i = 0; i < m.logs.length && best === Infinity; i++) if (has(m.logs.message[i]) || has(m.logs.category[i])) best = m.logs.time[i];
  return best === Infinity ? 0 : best;
}

interface Hit {
  lane: Lane;
  row: number;
  index: number; // interval index in the track, or log row, or -1
  kind: 'state' | 'region' | 'assist' | 'proc' | 'gc' | 'stw' | 'heap' | 'task' | 'log' | 'group';
  t: number;
}

export function mountTimeline(host: HTMLElement, model: TraceModel, opts: TimelineOptions, time: TimeModel): TimelineHandle {
  const S = (key: string, facts?: Record<string, string | number>) => {
    const s = opts.strings[key] ?? key;
    return facts ? fillTemplate(s, facts) : s;
  };
  const m = model;
  const duration = Math.max(m.duration, 1);
  const str = (i: number) => m.strings[i] ?? '';
  const stateName = (s: number) => S(['state.running', 'state.runnable', 'state.waiting', 'state.syscall', 'state.undetermined'][s] ?? 'state.undetermined');

  const lanes: LaneSet = buildLanes(m, {
    proc: (id) => S('lane.proc', { id }),
    gc: S('lane.gc'),
    heap: S('lane.heap'),
    tasks: S('lane.tasks'),
  });
  const markers: { t: number; end?: number; label: string }[] = (opts.markers ?? []).map((mk) => ({ t: resolveMarker(m, mk.at), label: mk.label }));
  const highlight = opts.highlight && opts.highlight.region >= 0 && opts.highlight.region < m.regions.length ? opts.highlight : undefined;
  if (highlight) markers.unshift({ t: m.regions.start[highlight.region], end: m.regions.end[highlight.region], label: highlight.label });
  let shown: Lane[] = visibleLanes(lanes);
  let tops = new Float64Array(0);
  let heights = new Float64Array(0);
  let contentHeight = 0;
  const relayout = () => {
    shown = visibleLanes(lanes);
    tops = new Float64Array(shown.length);
    heights = new Float64Array(shown.length);
    let y = 0;
    shown.forEach((l, i) => {
      tops[i] = y;
      heights[i] = l.height;
      y += l.height;
    });
    contentHeight = y;
  };
  relayout();

  let palette: Palette = readPalette();
  let win: TimeWindow = clampWindow(opts.window ?? { start: 0, end: duration }, duration);
  let scrollY = 0;
  let playhead = 0;
  let playing = false;
  let speed = SPEEDS[0];
  let selected: Hit | null = null;
  let spanFocus: SpanFocus | null = null;
  let hover: { x: number; y: number } | null = null;
  /** The lane another view pointed at (a goroutine from the goroutines view): drawn with an accent band. */
  let highlightedLane: Lane | null = null;
  const height = opts.height ?? 440;

  // ---- DOM ----
  const root = el('div', 'tv');
  const toolbar = el('div', 'tv-toolbar');
  const playBtn = el('button', 'tv-btn tv-play', S('play'));
  playBtn.type = 'button';
  playBtn.dataset.action = 'play';
  playBtn.setAttribute('aria-pressed', 'false');
  const speedLabel = el('label', 'tv-speed');
  speedLabel.append(S('speed') + ' ');
  const speedSelect = el('select');
  for (const sp of SPEEDS) {
    const o = el('option', undefined, sp.id.startsWith('fit') ? S(`speed.${sp.id}`) : `${sp.id}×`);
    o.value = sp.id;
    speedSelect.append(o);
  }
  speedLabel.append(speedSelect);
  const scrubber = el('input', 'tv-scrubber');
  scrubber.type = 'range';
  scrubber.min = '0';
  scrubber.max = String(duration);
  scrubber.step = 'any';
  scrubber.value = '0';
  scrubber.setAttribute('aria-label', S('scrubber'));
  const timeOut = el('output', 'tv-time');
  const zoomIn = el('button', 'tv-btn', '+');
  zoomIn.type = 'button';
  zoomIn.setAttribute('aria-label', S('zoomIn'));
  zoomIn.title = S('zoomIn');
  const zoomOut = el('button', 'tv-btn', '−');
  zoomOut.type = 'button';
  zoomOut.setAttribute('aria-label', S('zoomOut'));
  zoomOut.title = S('zoomOut');
  const zoomAll = el('button', 'tv-btn', S('zoomReset'));
  zoomAll.type = 'button';
  const searchLabel = el('label', 'tv-search');
  searchLabel.append(S('search') + ' ');
  const searchInput = el('input');
  searchInput.type = 'search';
  searchInput.placeholder = S('searchPlaceholder');
  searchInput.setAttribute('autocomplete', 'off');
  searchLabel.append(searchInput);
  // The zoom buttons wrap as one group, so +, − and "Show all" never end up on different rows.
  const zoomGroup = el('span', 'tv-zoom');
  zoomGroup.append(zoomIn, zoomOut, zoomAll);
  toolbar.append(playBtn, speedLabel, scrubber, timeOut, zoomGroup, searchLabel);
  const results = el('ul', 'tv-results');
  results.hidden = true;

  const stage = el('div', 'tv-stage');
  stage.tabIndex = 0;
  stage.setAttribute('role', 'application');
  stage.setAttribute('aria-label', S('stageLabel'));
  stage.style.height = `${height}px`;
  const canvas = el('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  const tooltip = el('div', 'tv-tooltip');
  tooltip.hidden = true;
  stage.append(canvas, tooltip);
  const help = el('p', 'tv-help', S('help'));
  const now = el('p', 'tv-now');

  const legend = el('ul', 'tv-legend');
  legend.setAttribute('aria-label', S('legend'));
  const swatch = (color: string, label: string, line = false) => {
    const li = el('li');
    const sw = el('span', line ? 'tv-swatch tv-swatch--line' : 'tv-swatch');
    sw.style.setProperty('--tv-swatch', color);
    sw.setAttribute('aria-hidden', 'true');
    li.append(sw, label);
    return li;
  };
  const fillLegend = () => {
    legend.replaceChildren(
      ...[GState.Running, GState.Runnable, GState.Waiting, GState.Syscall, GState.Undetermined].map((s) => swatch(palette.states[s], stateName(s))),
      swatch(palette.gc, S('legend.gc')),
      swatch(palette.stw, S('legend.stw')),
      swatch(palette.heap, S('legend.heap')),
      swatch(palette.goal, S('legend.goal'), true),
      swatch(palette.regionHues[3], S('legend.region')),
      swatch(palette.task, S('legend.task')),
      swatch(palette.log, S('legend.log')),
    );
  };
  fillLegend();

  const markerList = el('ul', 'tv-markers');
  for (const mk of markers) {
    const li = el('li');
    const b = el('button', 'tv-link', `${mk.label} (${formatNs(mk.t)})`);
    b.type = 'button';
    if (mk.end !== undefined && highlight) {
      li.dataset.highlight = 'true';
      b.addEventListener('click', () => focusRegion(highlight.region));
    } else b.addEventListener('click', () => jumpTo(mk.t, true));
    li.append(b);
    markerList.append(li);
  }
  markerList.hidden = markers.length === 0;

  const selection = el('section', 'tv-selection');
  selection.setAttribute('aria-live', 'polite');
  const selTitle = el('h4', undefined, S('selection'));
  const selBody = el('div', 'tv-selection__body', S('selectionNone'));
  selection.append(selTitle, selBody);

  const findingsBox = el('section', 'tv-findings');
  let found: Finding[] = [];
  function showFindings(list: Finding[]) {
    const { findings: shownList, expected } = findingsFor(opts.runtime ?? 'native', list);
    found = shownList;
    findingsBox.replaceChildren(el('h4', undefined, S('findings')));
    if (found.length === 0) {
      findingsBox.append(el('p', undefined, S('findingsNone')));
      return;
    }
    if (expected.size > 0) findingsBox.append(el('p', 'tv-runtime-note', S('wasmNote')));
    const ul = el('ul');
    for (const f of found) {
      const li = el('li', `tv-finding tv-finding--${f.severity}`);
      li.dataset.rule = f.rule;
      li.append(el('span', 'tv-badge', S(`severity.${f.severity}`)), ' ');
      const key = `finding.${f.rule}`;
      li.append(el('span', 'tv-finding__text', opts.strings[key] ? S(key, formatFacts(f.facts, (k) => S(k))) : f.rule));
      if (expected.has(f)) {
        li.dataset.expected = 'wasm';
        li.append(' ', el('span', 'tv-finding__expected', S('wasmExpected')));
      }
      if (f.time >= 0) {
        li.append(' ');
        const b = el('button', 'tv-link', S('findingAt', { time: formatNs(f.time) }));
        b.type = 'button';
        b.addEventListener('click', () => jumpTo(f.time, true));
        li.append(b);
      }
      if (f.lesson && (!opts.publishedLessons || opts.publishedLessons.includes(f.lesson.replace(/^\/+|\/+$/g, '')))) {
        li.append(' ');
        const a = el('a', undefined, S('findingLesson'));
        a.href = `${opts.lessonBase ?? '/'}${f.lesson.replace(/^\/+|\/+$/g, '')}/`;
        li.append(a);
      }
      ul.append(li);
    }
    findingsBox.append(ul);
  }
  let pendingFindings = typeof opts.findings === 'function' ? opts.findings : null;
  if (pendingFindings === null) showFindings((opts.findings as Finding[] | undefined) ?? []);
  else {
    findingsBox.append(el('h4', undefined, S('findings')), el('p', undefined, S('findingsPending')));
    findingsBox.setAttribute('aria-busy', 'true');
  }

  const logsBox = el('details', 'tv-logs');
  logsBox.append(el('summary', undefined, S('logs', { count: m.logs.length })));
  const logList = el('ol');
  const LOG_LIMIT = 500;
  for (let i = 0; i < Math.min(m.logs.length, LOG_LIMIT); i++) {
    const li = el('li');
    const b = el('button', 'tv-link', formatNs(m.logs.time[i]));
    b.type = 'button';
    const row = i;
    b.addEventListener('click', () => {
      jumpTo(m.logs.time[row], false);
      const g = m.logs.goroutine[row];
      if (g >= 0) {
        const lane = revealGoroutine(g);
        select({ lane, row: 0, index: row, kind: 'log', t: m.logs.time[row] });
      }
    });
    const g = m.logs.goroutine[i];
    li.append(b, ` ${g >= 0 ? `G${m.goroutines[g]?.id ?? '?'} ` : ''}`, el('code', undefined, str(m.logs.category[i])), ' ', el('span', 'tv-log-msg', str(m.logs.message[i])));
    logList.append(li);
  }
  if (m.logs.length > LOG_LIMIT) logList.append(el('li', undefined, S('logsMore', { count: m.logs.length - LOG_LIMIT })));
  logsBox.append(logList);
  logsBox.hidden = m.logs.length === 0;

  let stwTotal = 0;
  for (let i = 0; i < m.stwPauses.length; i++) stwTotal += m.stwPauses.end[i] - m.stwPauses.start[i];
  const summary = el('p', 'tv-sr-only');
  const writeSummary = () =>
    (summary.textContent = S('summary', {
      duration: formatNs(m.duration),
      goroutines: m.goroutines.length,
      gcs: m.gcCycles.length,
      stw: formatNs(stwTotal),
      findings: found.length,
    }));
  writeSummary();

  // Which Go wrote the trace: old formats (Go 1.11–1.21) are read too, and readers should know.
  const formatVersion = Number(/^go 1\.(\d+)$/.exec(m.version)?.[1] ?? 0);
  const about = el(
    'p',
    'tv-about',
    S('about', { version: m.version || '?', writtenBy: writtenBy(formatVersion) || '?', events: m.events.toLocaleString(), size: formatBytes(m.bytes) }),
  );

  root.append(about, toolbar, results, stage, help, now, markerList, legend, selection, findingsBox, logsBox, summary);
  host.replaceChildren(root);

  // ---- drawing ----
  const ctx = canvas.getContext('2d', { alpha: false })!;
  let cssWidth = 0;
  let dpr = 1;
  const resize = () => {
    dpr = window.devicePixelRatio || 1;
    cssWidth = Math.max(200, stage.clientWidth);
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${height}px`;
    requestDraw();
  };
  const plotW = () => Math.max(50, cssWidth - GUTTER);
  const lanesH = () => height - AXIS;
  const maxScroll = () => Math.max(0, contentHeight - lanesH());

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
    findingsBox.removeAttribute('aria-busy');
    showFindings(list);
    writeSummary();
  }
  function requestDraw() {
    if (drawQueued) return;
    drawQueued = true;
    frameId = requestAnimationFrame(frame);
  }
  let lastTick = 0;
  function frame(ts: number) {
    drawQueued = false;
    if (playing) {
      const dt = lastTick ? Math.min(100, ts - lastTick) : 0;
      lastTick = ts;
      let p = playhead + dt * 1e6 * speed.rate(duration);
      if (p >= duration) {
        p = duration;
        setPlaying(false);
      }
      setPlayhead(p, true);
      if (playing) requestDraw();
    }
    const t0 = performance.now();
    draw();
    if (pendingFindings !== null && findingsTimer === 0) findingsTimer = window.setTimeout(runFindings, 0);
    // For the bench (scripts/bench-viewer.ts): when the frame ran and how long drawing took.
    root.dispatchEvent(new CustomEvent('trace-viewer:frame', { detail: { ts, drawMs: performance.now() - t0 } }));
  }

  const spanBuf: Span[] = [];
  const trunc = (text: string, max: number) => {
    if (ctx.measureText(text).width <= max) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(text.slice(0, mid) + '…').width <= max) lo = mid;
      else hi = mid - 1;
    }
    return lo > 0 ? text.slice(0, lo) + '…' : '';
  };

  function trackColor(lane: Lane, row: number, key: number): string {
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
  const isAssistRow = (lane: Lane, row: number) => lane.kind === 'goroutine' && row > 0 && lane.rowHeights[row] === 3;

  function rowTop(lane: Lane, row: number) {
    let y = 0;
    for (let r = 0; r < row; r++) y += lane.rowHeights[r];
    return y;
  }

  /** Names drawn inside wide intervals (regions, tasks, the goroutine on a P) when few are visible. */
  function drawNames(track: Track, lane: Lane, row: number, x0: number, y: number, h: number) {
    const i0 = firstEndingAfter(track, win.start);
    const i1 = firstStartingAtOrAfter(track, win.end);
    if (i1 - i0 > 300) return;
    const W = plotW();
    ctx.fillStyle = palette.dark ? '#000' : '#fff';
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
    const W = plotW();
    const H = height;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.bg;
    ctx.fillRect(0, 0, cssWidth, H);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    scrollY = Math.min(Math.max(0, scrollY), maxScroll());

    // Lanes.
    const first = Math.max(0, laneIndexAtContentY(scrollY));
    for (let li = first; li < shown.length; li++) {
      const top = AXIS + tops[li] - scrollY;
      if (top > H) break;
      const lane = shown[li];
      if (li % 2 === 1 || lane.kind === 'group') {
        ctx.fillStyle = palette.stripe;
        ctx.fillRect(0, top, cssWidth, lane.height);
      }
      if (lane === highlightedLane) {
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
      if (selected && selected.lane === lane) drawSelection(lane, top, W);
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
      const text = trunc(mk.label, 260);
      const tw = ctx.measureText(text).width + 8;
      const bx = Math.min(x, GUTTER + W - tw);
      ctx.fillStyle = palette.marker;
      // Labels are staggered in rows so markers close in time do not hide each other.
      const ly = AXIS + 2 + (mi % 3) * 18;
      ctx.fillRect(bx, ly, tw, 16);
      ctx.fillStyle = palette.dark ? '#000' : '#fff';
      ctx.fillText(text, bx + 4, ly + 8);
    });
    if (spanFocus) {
      drawSpanFocus(ctx, spanFocus, {
        x: (t) => GUTTER + timeToX(win, W, t), left: GUTTER, right: GUTTER + W, top: AXIS, bottom: H,
        stateRow: (g) => {
          const li = shown.indexOf(lanes.goroutineLanes[g]);
          return li < 0 ? null : { y: AXIS + tops[li] - scrollY + 1, h: ROW };
        },
      }, palette);
    }
    // Playhead.
    const px = GUTTER + timeToX(win, W, playhead);
    if (px >= GUTTER && px <= GUTTER + W) {
      ctx.fillStyle = palette.accent;
      ctx.fillRect(Math.round(px) - 1, 0, 2, H);
    }
    ctx.restore();
    ctx.fillStyle = palette.grid;
    ctx.fillRect(GUTTER - 1, 0, 1, H);
    // Vertical scroll indicator.
    if (maxScroll() > 0) {
      const lh = lanesH();
      const barH = Math.max(20, (lh * lh) / contentHeight);
      const barY = AXIS + (scrollY / maxScroll()) * (lh - barH);
      ctx.fillStyle = palette.grid;
      ctx.fillRect(cssWidth - 4, barY, 3, barH);
    }
  }

  function drawLabel(lane: Lane, top: number) {
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
      const text = `${gr.collapsed ? '▸' : '▾'} ${short} (${gr.goroutines.length})`;
      ctx.font = 'bold 11px system-ui, sans-serif';
      ctx.fillText(trunc(text, GUTTER - 8), 4, mid);
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
    const rows = lane.logs!;
    const times = m.logs.time;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[rows[mid]] < win.start) lo = mid + 1;
      else hi = mid;
    }
    ctx.fillStyle = palette.log;
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
    ctx.strokeStyle = palette.text;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, y - 0.5, Math.max(2, x1 - x0 + 2), h);
    ctx.lineWidth = 1;
  }

  // ---- hit testing and details ----
  function laneIndexAtContentY(cy: number) {
    if (shown.length === 0) return -1;
    const i = laneAt(tops, heights, cy);
    return i >= 0 ? i : cy < 0 ? 0 : -1;
  }

  function hitAt(x: number, y: number): Hit | null {
    if (y < AXIS || x < 0) return null;
    const li = laneAt(tops, heights, y - AXIS + scrollY);
    if (li < 0) return null;
    const lane = shown[li];
    const W = plotW();
    if (lane.kind === 'group') return { lane, row: -1, index: -1, kind: 'group', t: 0 };
    if (x < GUTTER) return null;
    const t = xToTime(win, W, x - GUTTER);
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

  /** The details of a hit as label/value pairs (values are trace data: shown as text only). */
  function details(h: Hit): { title: string; fields: [string, string][]; stack: number[] } {
    const fields: [string, string][] = [];
    let stack: number[] = [];
    const gLabel = (g: number) => (g >= 0 && m.goroutines[g] ? `G${m.goroutines[g].id} ${str(m.goroutines[g].startFunc)}`.trim() : '—');
    const span = (a: number, b: number, open = false) => {
      fields.push([S('field.start'), formatNs(a)]);
      fields.push([S('field.duration'), formatNs(b - a) + (open ? ` (${S('field.open')})` : '')]);
    };
    if (h.kind === 'group') return { title: h.lane.label, fields, stack };
    const row = h.kind === 'log' || h.kind === 'heap' ? h.index : modelRow(h.lane.tracks[h.row], h.index);
    const gs = m.goroutineStates;
    switch (h.kind) {
      case 'state': {
        const g = goroutineOfRow(gs, row);
        fields.push([S('field.goroutine'), gLabel(g)]);
        fields.push([S('field.state'), stateName(gs.state[row])]);
        const reason = str(gs.reason[row]);
        if (reason) fields.push([S('field.reason'), reason]);
        if (gs.proc[row] >= 0) fields.push([S('field.proc'), `P${gs.proc[row]}`]);
        span(gs.start[row], gs.start[row + 1], stateOpen(m, g, row));
        stack = m.stacks[gs.stack[row]] ?? [];
        return { title: `${gLabel(g)}: ${stateName(gs.state[row])}`, fields, stack };
      }
      case 'region': {
        const rg = m.regions;
        fields.push([S('field.region'), str(rg.name[row])]);
        fields.push([S('field.goroutine'), gLabel(rg.goroutine[row])]);
        const task = m.tasks.find((t) => t.id === rg.task[row]);
        fields.push([S('field.task'), rg.task[row] === 0 ? '—' : `${rg.task[row]} ${task ? str(task.name) : ''}`.trim()]);
        span(rg.start[row], rg.end[row], rg.open[row] === 1);
        return { title: `${S('legend.region')}: ${str(rg.name[row])}`, fields, stack };
      }
      case 'assist': {
        const ma = m.markAssists;
        fields.push([S('field.goroutine'), gLabel(ma.scope[row])]);
        span(ma.start[row], ma.end[row], ma.open[row] === 1);
        return { title: S('legend.assist'), fields, stack };
      }
      case 'proc': {
        // A run on a P is its goroutine's Running row.
        const g = goroutineOfRow(gs, row);
        fields.push([S('field.proc'), `P${gs.proc[row]}`]);
        fields.push([S('field.goroutine'), gLabel(g)]);
        span(gs.start[row], gs.start[row + 1], stateOpen(m, g, row));
        return { title: `P${gs.proc[row]}: ${gLabel(g)}`, fields, stack };
      }
      case 'gc': {
        span(m.gcCycles.start[row], m.gcCycles.end[row], m.gcCycles.open[row] === 1);
        return { title: S('legend.gc'), fields, stack };
      }
      case 'stw': {
        const sw = m.stwPauses;
        fields.push([S('field.name'), str(sw.name[row])]);
        span(sw.start[row], sw.end[row], sw.open[row] === 1);
        return { title: str(sw.name[row]) || S('legend.stw'), fields, stack };
      }
      case 'task': {
        const t = m.tasks[row];
        fields.push([S('field.task'), `${t.id} ${str(t.name)}`]);
        if (t.parentId) fields.push([S('field.parent'), String(t.parentId)]);
        fields.push([S('field.goroutine'), gLabel(t.startGoroutine)]);
        span(Math.max(0, t.start), t.end < 0 ? m.duration : t.end, t.end < 0);
        return { title: `${S('legend.task')}: ${str(t.name)}`, fields, stack };
      }
      case 'log': {
        const lg = m.logs;
        fields.push([S('field.category'), str(lg.category[row])]);
        fields.push([S('field.message'), str(lg.message[row])]);
        fields.push([S('field.goroutine'), gLabel(lg.goroutine[row])]);
        if (lg.task[row]) fields.push([S('field.task'), String(lg.task[row])]);
        fields.push([S('field.start'), formatNs(lg.time[row])]);
        return { title: S('legend.log'), fields, stack };
      }
      case 'heap': {
        fields.push([S('legend.heap'), formatBytes(seriesAt(m.heapAlloc.time, m.heapAlloc.value, m.heapAlloc.length, h.t) || 0)]);
        fields.push([S('legend.goal'), formatBytes(seriesAt(m.heapGoal.time, m.heapGoal.value, m.heapGoal.length, h.t) || 0)]);
        fields.push([S('field.start'), formatNs(h.t)]);
        return { title: S('lane.heap'), fields, stack };
      }
    }
  }

  function renderDetails(target: HTMLElement, h: Hit, full: boolean) {
    const d = details(h);
    const title = el('strong', undefined, d.title);
    const dl = el('dl');
    for (const [k, v] of d.fields) dl.append(el('dt', undefined, k), el('dd', undefined, v));
    target.replaceChildren(title, dl);
    if (d.stack.length) {
      const frames = full ? d.stack : d.stack.slice(0, 3);
      const ol = el('ol', 'tv-stack');
      for (const f of frames) ol.append(el('li', undefined, str(f)));
      if (!full && d.stack.length > 3) ol.append(el('li', undefined, '…'));
      target.append(el('div', 'tv-stack__title', S('field.stack')), ol);
    }
  }

  /** Selects a hit; `reveal` (a click or Enter) scrolls its details into view when they are off screen. */
  function select(h: Hit | null, reveal = false) {
    selected = h && h.kind !== 'group' ? h : null;
    if (selected) renderDetails(selBody, selected, true);
    else selBody.replaceChildren(S('selectionNone'));
    requestDraw();
    const task = selected?.kind === 'task' ? modelRow(selected.lane.tracks[selected.row], selected.index) : -1;
    root.dispatchEvent(new CustomEvent('trace-viewer:select', { bubbles: true, detail: { task } }));
    if (selected && reveal) {
      const box = selection.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        selection.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      }
    }
  }

  /**
   * What is under the playhead, for Enter: in the selected lane if it has something there, else in
   * the first lane in view, top to bottom, that does.
   */
  function hitAtPlayhead(): Hit | null {
    const x = GUTTER + timeToX(win, plotW(), playhead);
    const order = shown.map((_, i) => i);
    const current = selected ? shown.indexOf(selected.lane) : -1;
    if (current >= 0) order.unshift(current);
    for (const li of order) {
      const lane = shown[li];
      if (lane.kind === 'group') continue;
      for (let row = 0; row < Math.max(1, lane.rowHeights.length); row++) {
        const y = AXIS + tops[li] - scrollY + 1 + rowTop(lane, row) + (lane.rowHeights[row] ?? lane.height) / 2;
        if (y < AXIS || y > height) continue;
        const h = hitAt(x, y);
        if (h && h.kind !== 'group') return h;
      }
    }
    return null;
  }

  function showTooltip(x: number, y: number) {
    const h = hitAt(x, y);
    if (!h || h.kind === 'group') {
      tooltip.hidden = true;
      return;
    }
    renderDetails(tooltip, h, false);
    tooltip.hidden = false;
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    tooltip.style.left = `${Math.min(x + 14, cssWidth - tw - 4)}px`;
    tooltip.style.top = `${y + 14 + th > height ? Math.max(0, y - th - 8) : y + 14}px`;
  }

  // ---- state changes ----
  function setWindow(w: TimeWindow) {
    win = clampWindow(w, duration);
    root.dataset.windowStart = String(win.start);
    root.dataset.windowEnd = String(win.end);
    time.setWindow(win);
    requestDraw();
  }
  let nowUpdated = 0;
  function setPlayhead(t: number, follow: boolean) {
    playhead = Math.min(Math.max(0, t), duration);
    scrubber.value = String(playhead);
    timeOut.textContent = `${formatNs(playhead)} / ${formatNs(duration)}`;
    root.dataset.playhead = String(playhead);
    time.playhead = playhead;
    if (follow && (playhead > win.end || playhead < win.start)) {
      const span = win.end - win.start;
      setWindow({ start: playhead - span * 0.1, end: playhead + span * 0.9 });
    }
    const t0 = performance.now();
    if (t0 - nowUpdated > 150 || !playing) {
      nowUpdated = t0;
      updateNow();
    }
    requestDraw();
  }
  function updateNow() {
    const counts = [0, 0, 0, 0, 0];
    for (const lane of lanes.goroutineLanes) {
      const i = intervalAt(lane.tracks[0], playhead);
      if (i >= 0 && lane.tracks[0].key[i] < counts.length) counts[lane.tracks[0].key[i]]++;
    }
    now.textContent = S('now', {
      time: formatNs(playhead),
      running: counts[GState.Running],
      runnable: counts[GState.Runnable],
      waiting: counts[GState.Waiting],
      syscall: counts[GState.Syscall],
    });
  }
  function setPlaying(p: boolean) {
    playing = p;
    lastTick = 0;
    playBtn.textContent = p ? S('pause') : S('play');
    playBtn.setAttribute('aria-pressed', String(p));
    root.dataset.playing = String(p);
    if (p) {
      if (playhead >= duration) setPlayhead(0, true);
      requestDraw();
    }
  }
  function jumpTo(t: number, movePlayhead: boolean) {
    if (t < win.start || t > win.end) setWindow(centreOn(win, t, duration));
    if (movePlayhead) setPlayhead(t, false);
    requestDraw();
  }
  function revealGoroutine(g: number): Lane {
    const gi = lanes.groups.findIndex((gr) => gr.goroutines.includes(g));
    if (gi >= 0 && lanes.groups[gi].collapsed) {
      lanes.groups[gi].collapsed = false;
      relayout();
    }
    const lane = lanes.goroutineLanes[g];
    const li = shown.indexOf(lane);
    if (li >= 0 && (tops[li] < scrollY || tops[li] + heights[li] > scrollY + lanesH())) scrollY = Math.max(0, tops[li] - lanesH() / 3);
    requestDraw();
    return lane;
  }
  /** Selects region row i on its goroutine's lane (revealed first). */
  function selectRegion(i: number) {
    const lane = revealGoroutine(m.regions.goroutine[i]);
    for (let r = 1; r < lane.tracks.length; r++) {
      const k = lane.tracks[r].row?.indexOf(i) ?? -1;
      if (k >= 0) return select({ lane, row: r, index: k, kind: 'region', t: m.regions.start[i] });
    }
  }
  /** Opens on region i with as much time again on each side, selected, its lane in view. */
  function focusRegion(i: number) {
    const a = m.regions.start[i];
    const b = m.regions.end[i];
    setWindow(clampWindow({ start: a - (b - a), end: b + (b - a) }, duration));
    setPlayhead(a, false);
    selectRegion(i);
  }
  /** Selects task ti (an index into model.tasks) on the tasks lane. */
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
    relayout();
    requestDraw();
  }

  // ---- search ----
  function search(q: string) {
    results.replaceChildren();
    const query = q.trim().toLowerCase();
    if (!query) {
      results.hidden = true;
      return;
    }
    const items: { label: string; go: () => void }[] = [];
    const idQuery = /^g?(\d+)$/.exec(query);
    m.goroutines.forEach((gor, g) => {
      if (items.length >= 20) return;
      const fn = str(gor.startFunc);
      if ((idQuery && gor.id === Number(idQuery[1])) || (!idQuery && fn.toLowerCase().includes(query))) {
        items.push({
          label: `G${gor.id} ${fn}`,
          go: () => {
            const lane = revealGoroutine(g);
            const a = gor.created >= 0 ? gor.created : 0;
            const b = gor.ended >= 0 ? gor.ended : duration;
            setWindow(fitTo(a, b, duration));
            select({ lane, row: 0, index: Math.max(0, intervalAt(lane.tracks[0], a, duration)), kind: 'state', t: a });
          },
        });
      }
    });
    const seen = new Set<string>();
    for (let i = 0; i < m.regions.length && items.length < 40; i++) {
      const name = str(m.regions.name[i]);
      if (!name.toLowerCase().includes(query)) continue;
      const g = m.regions.goroutine[i];
      const key = `${name}@${g}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({
        label: `${S('legend.region')}: ${name} (G${m.goroutines[g]?.id})`,
        go: () => {
          setWindow(fitTo(m.regions.start[i], m.regions.end[i], duration));
          selectRegion(i);
        },
      });
    }
    m.tasks.forEach((t, ti) => {
      if (items.length >= 60 || !str(t.name).toLowerCase().includes(query)) return;
      items.push({
        label: `${S('legend.task')}: ${str(t.name)} #${t.id}`,
        go: () => {
          setWindow(fitTo(Math.max(0, t.start), t.end < 0 ? duration : t.end, duration));
          scrollY = 0;
          selectTask(ti);
        },
      });
    });
    if (items.length === 0) results.append(el('li', undefined, S('searchNone')));
    for (const it of items) {
      const li = el('li');
      const b = el('button', 'tv-link', it.label);
      b.type = 'button';
      b.addEventListener('click', () => {
        it.go();
        results.hidden = true;
        stage.focus();
      });
      li.append(b);
      results.append(li);
    }
    results.hidden = false;
  }

  // ---- input ----
  const ac = new AbortController();
  const on = <T extends Event>(target: EventTarget, type: string, fn: (e: T) => void, o: AddEventListenerOptions = {}) =>
    target.addEventListener(type, fn as EventListener, { ...o, signal: ac.signal });

  on(playBtn, 'click', () => setPlaying(!playing));
  on(speedSelect, 'change', () => (speed = SPEEDS.find((s) => s.id === speedSelect.value) ?? SPEEDS[0]));
  on(scrubber, 'input', () => setPlayhead(Number(scrubber.value), true));
  on(zoomIn, 'click', () => setWindow(zoomAt(win, plotW(), 2, timeToX(win, plotW(), clampT(playhead)), duration)));
  on(zoomOut, 'click', () => setWindow(zoomAt(win, plotW(), 0.5, plotW() / 2, duration)));
  on(zoomAll, 'click', () => setWindow({ start: 0, end: duration }));
  let searchTimer = 0;
  on(searchInput, 'input', () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => search(searchInput.value), 150);
  });
  on<KeyboardEvent>(searchInput, 'keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search(searchInput.value);
      results.querySelector('button')?.click();
    }
  });
  const clampT = (t: number) => (t < win.start || t > win.end ? (win.start + win.end) / 2 : t);

  on<KeyboardEvent>(stage, 'keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const W = plotW();
    const step = e.shiftKey ? W / 2 : W / 10;
    let handled = true;
    switch (e.key) {
      case '+':
      case '=':
        setWindow(zoomAt(win, W, 1.5, timeToX(win, W, clampT(playhead)), duration));
        break;
      case '-':
      case '_':
        setWindow(zoomAt(win, W, 1 / 1.5, timeToX(win, W, clampT(playhead)), duration));
        break;
      case 'ArrowLeft':
        setWindow(panBy(win, W, -step, duration));
        break;
      case 'ArrowRight':
        setWindow(panBy(win, W, step, duration));
        break;
      case 'ArrowUp':
        scrollY = Math.max(0, scrollY - 40);
        requestDraw();
        break;
      case 'ArrowDown':
        scrollY = Math.min(maxScroll(), scrollY + 40);
        requestDraw();
        break;
      case 'Home':
        setWindow({ start: 0, end: win.end - win.start });
        setPlayhead(0, false);
        break;
      case 'End':
        setWindow({ start: duration - (win.end - win.start), end: duration });
        setPlayhead(duration, false);
        break;
      case ' ':
        setPlaying(!playing);
        break;
      case '0':
        setWindow({ start: 0, end: duration });
        break;
      case 'Escape':
        select(null);
        tooltip.hidden = true;
        break;
      case 'Enter':
        if (playhead < win.start || playhead > win.end) setWindow(centreOn(win, playhead, duration));
        select(hitAtPlayhead(), true);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  });

  on<WheelEvent>(
    stage,
    'wheel',
    (e) => {
      const rect = canvas.getBoundingClientRect();
      const x = e.clientX - rect.left - GUTTER;
      const W = plotW();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? height : 1;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        setWindow(zoomAt(win, W, Math.exp((-e.deltaY * unit) / 300), Math.max(0, Math.min(W, x)), duration));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        setWindow(panBy(win, W, (e.shiftKey ? e.deltaY : e.deltaX) * unit, duration));
      } else {
        const next = Math.min(maxScroll(), Math.max(0, scrollY + e.deltaY * unit));
        if (next !== scrollY) {
          e.preventDefault();
          scrollY = next;
          requestDraw();
        }
      }
    },
    { passive: false },
  );

  // Pointer: drag to pan, pinch to zoom, click to select, hover for the tooltip.
  const pointers = new Map<number, { x: number; y: number }>();
  let dragFrom: { x: number; y: number; moved: boolean } | null = null;
  let pinchDist = 0;
  const local = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  on<PointerEvent>(canvas, 'pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    const p = local(e);
    pointers.set(e.pointerId, p);
    if (pointers.size === 1) dragFrom = { ...p, moved: false };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinchDist = Math.hypot(a.x - b.x, a.y - b.y);
      if (dragFrom) dragFrom.moved = true;
    }
  });
  on<PointerEvent>(canvas, 'pointermove', (e) => {
    const p = local(e);
    const prev = pointers.get(e.pointerId);
    if (!prev) {
      hover = p;
      showTooltip(p.x, p.y);
      return;
    }
    pointers.set(e.pointerId, p);
    const W = plotW();
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinchDist > 0 && dist > 0) setWindow(zoomAt(win, W, dist / pinchDist, (a.x + b.x) / 2 - GUTTER, duration));
      pinchDist = dist;
      return;
    }
    const dx = p.x - prev.x;
    const dy = p.y - prev.y;
    if (dragFrom && Math.hypot(p.x - dragFrom.x, p.y - dragFrom.y) > 3) dragFrom.moved = true;
    if (dragFrom?.moved) {
      tooltip.hidden = true;
      if (dx) setWindow(panBy(win, W, -dx, duration));
      if (dy) {
        scrollY = Math.min(maxScroll(), Math.max(0, scrollY - dy));
        requestDraw();
      }
    }
  });
  const endPointer = (e: PointerEvent) => {
    const p = local(e);
    pointers.delete(e.pointerId);
    if (pointers.size === 0 && dragFrom && !dragFrom.moved && e.type === 'pointerup') click(p.x, p.y);
    if (pointers.size === 0) dragFrom = null;
    pinchDist = 0;
  };
  on(canvas, 'pointerup', endPointer);
  on(canvas, 'pointercancel', endPointer);
  on(canvas, 'pointerleave', () => {
    hover = null;
    tooltip.hidden = true;
  });
  function click(x: number, y: number) {
    stage.focus({ preventScroll: true });
    if (y < AXIS && x >= GUTTER) {
      setPlayhead(xToTime(win, plotW(), x - GUTTER), false);
      return;
    }
    const h = hitAt(x, y);
    if (h?.kind === 'group') return toggleGroup(h.lane);
    select(h, true);
  }

  /** What another view asked to see (time-model.ts): a goroutine's lifetime, or a stretch of time. */
  function showFocus(f: Focus) {
    const g = f.kind === 'goroutine' ? f.id : f.goroutine;
    const index = g === undefined ? -1 : m.goroutines.findIndex((gor) => gor.id === g);
    const a = Math.max(0, f.start);
    const b = Math.min(duration, f.end < 0 ? duration : f.end);
    setWindow(f.kind === 'goroutine' ? fitTo(a, b, duration) : clampWindow({ start: a - (b - a) * 0.1, end: b + (b - a) * 0.1 }, duration));
    setPlayhead(a, false);
    highlightedLane = null;
    root.dataset.highlightGoroutine = index >= 0 ? String(g) : '';
    if (index >= 0) {
      const lane = revealGoroutine(index);
      highlightedLane = lane;
      select({ lane, row: 0, index: Math.max(0, intervalAt(lane.tracks[0], a, duration)), kind: 'state', t: a });
    }
    requestDraw();
  }
  const stopFocus = time.onFocus(showFocus);

  const themeObserver = new MutationObserver(() => {
    palette = readPalette();
    fillLegend();
    requestDraw();
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const resizeObserver = new ResizeObserver(() => resize());
  resizeObserver.observe(stage);

  setWindow(win);
  setPlayhead(opts.window ? win.start : 0, false);
  if (highlight) focusRegion(highlight.region);
  resize();
  void hover;

  return {
    root,
    focusSpan(f) {
      spanFocus = f && f.task >= 0 && f.task < m.tasks.length ? f : null;
      root.dataset.spanFocus = spanFocus ? String(m.tasks[spanFocus.task].id) : '';
      if (spanFocus) {
        // The span's own goroutine (first) ends up in view.
        for (const g of [...spanFocus.goroutines].reverse()) revealGoroutine(g);
        setWindow(fitTo(spanFocus.start, spanFocus.end, duration));
        setPlayhead(spanFocus.start, false);
        selectTask(spanFocus.task);
      }
      requestDraw();
    },
    destroy() {
      ac.abort();
      stopFocus();
      themeObserver.disconnect();
      resizeObserver.disconnect();
      cancelAnimationFrame(frameId);
      clearTimeout(findingsTimer);
      playing = false;
    },
    state: () => ({ window: { ...win }, playhead, playing }),
  };
}

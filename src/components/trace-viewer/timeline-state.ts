/**
 * The timeline's state: what one mounted timeline shows (window, playhead, selection, lanes, scroll)
 * and the geometry derived from it. mountTimeline (timeline-view.ts) owns one TimelineState; the
 * drawing, hit testing, navigation and input modules read and change it through this one object,
 * so none of them keeps a copy that could go stale after a relayout.
 */
import type { Finding, TraceModel } from '../../analysis/model.ts';
import type { Palette } from './colors.ts';
import { laneAt } from './hit.ts';
import { visibleLanes, type Lane, type LaneSet } from './lanes.ts';
import type { Runtime } from './runtime.ts';
import { fillTemplate, type TimeWindow } from './scale.ts';
import type { SpanFocus } from './span-focus.ts';

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

export const GUTTER = 150;
export const AXIS = 22;

export interface Speed {
  id: string;
  rate: (d: number) => number;
}
export const SPEEDS: Speed[] = [
  { id: 'fit20', rate: (d) => d / 20e9 },
  { id: 'fit60', rate: (d) => d / 60e9 },
  { id: '0.001', rate: () => 0.001 },
  { id: '0.01', rate: () => 0.01 },
  { id: '0.1', rate: () => 0.1 },
  { id: '1', rate: () => 1 },
  { id: '10', rate: () => 10 },
];

export interface Hit {
  lane: Lane;
  row: number;
  index: number; // interval index in the track, or log row, or -1
  kind: 'state' | 'region' | 'assist' | 'proc' | 'gc' | 'stw' | 'heap' | 'task' | 'log' | 'group';
  t: number;
}

/** A lesson's marker, resolved to a time; `end` makes it a highlighted interval. */
export interface PlacedMarker {
  t: number;
  end?: number;
  label: string;
}

/** The page's strings and the trace's, looked up the same way everywhere. */
export interface Text {
  S(key: string, facts?: Record<string, string | number>): string;
  str(i: number): string;
  stateName(s: number): string;
}

export function makeText(m: TraceModel, strings: Strings): Text {
  const S = (key: string, facts?: Record<string, string | number>) => {
    const s = strings[key] ?? key;
    return facts ? fillTemplate(s, facts) : s;
  };
  return {
    S,
    str: (i) => m.strings[i] ?? '',
    stateName: (s) => S(['state.running', 'state.runnable', 'state.waiting', 'state.syscall', 'state.undetermined'][s] ?? 'state.undetermined'),
  };
}

export interface TimelineState {
  readonly m: TraceModel;
  /** The trace's duration, at least 1 ns so a window always has a width. */
  readonly duration: number;
  /** CSS height of the canvas. */
  readonly height: number;
  readonly lanes: LaneSet;
  readonly markers: PlacedMarker[];
  /** The lanes in view order (collapsed groups hide theirs) and their content-space extents. */
  shown: Lane[];
  tops: Float64Array;
  heights: Float64Array;
  contentHeight: number;
  palette: Palette;
  win: TimeWindow;
  scrollY: number;
  playhead: number;
  playing: boolean;
  speed: Speed;
  /** Animation time of the last playback frame; 0 restarts the clock so a pause is not played through. */
  lastTick: number;
  selected: Hit | null;
  spanFocus: SpanFocus | null;
  /** The lane another view pointed at (a goroutine from the goroutines view): drawn with an accent band. */
  highlightedLane: Lane | null;
  cssWidth: number;
  dpr: number;
}

/** Lays the visible lanes out top to bottom; called again whenever a group opens or closes. */
export function relayout(st: TimelineState): void {
  const shown = visibleLanes(st.lanes);
  st.shown = shown;
  st.tops = new Float64Array(shown.length);
  st.heights = new Float64Array(shown.length);
  let y = 0;
  shown.forEach((l, i) => {
    st.tops[i] = y;
    st.heights[i] = l.height;
    y += l.height;
  });
  st.contentHeight = y;
}

export const plotW = (st: TimelineState) => Math.max(50, st.cssWidth - GUTTER);
export const lanesH = (st: TimelineState) => st.height - AXIS;
export const maxScroll = (st: TimelineState) => Math.max(0, st.contentHeight - lanesH(st));

/** Mark assists get the one 3 px row lanes.ts puts under a goroutine's regions: that height names the row. */
export const isAssistRow = (lane: Lane, row: number) => lane.kind === 'goroutine' && row > 0 && lane.rowHeights[row] === 3;

export function rowTop(lane: Lane, row: number): number {
  let y = 0;
  for (let r = 0; r < row; r++) y += lane.rowHeights[r];
  return y;
}

/** The lane at content y; above the first lane counts as the first, so drawing starts there. */
export function laneIndexAtContentY(st: TimelineState, cy: number): number {
  if (st.shown.length === 0) return -1;
  const i = laneAt(st.tops, st.heights, cy);
  return i >= 0 ? i : cy < 0 ? 0 : -1;
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

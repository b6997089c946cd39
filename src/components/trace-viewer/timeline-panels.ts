/**
 * The text around the canvas: which Go wrote the trace, the lesson's markers, the legend, the
 * selection panel, the trace doctor's findings, the trace's logs and a summary for screen readers.
 * What the canvas shows only as colour and position, these say in words.
 */
import { GState, type Finding, type TraceModel } from '../../analysis/model.ts';
import { writtenBy } from '../../trace/version.ts';
import type { Palette } from './colors.ts';
import { el } from './dom.ts';
import { findingsFor } from './runtime.ts';
import { formatBytes, formatNs } from './scale.ts';
import type { Navigator } from './timeline-nav.ts';
import type { PlacedMarker, RegionHighlight, Text, TimelineOptions } from './timeline-state.ts';

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

/** Which Go wrote the trace: old formats (Go 1.11–1.21) are read too, and readers should know. */
export function buildAbout(m: TraceModel, text: Text): HTMLElement {
  const formatVersion = Number(/^go 1\.(\d+)$/.exec(m.version)?.[1] ?? 0);
  return el(
    'p',
    'tv-about',
    text.S('about', { version: m.version || '?', writtenBy: writtenBy(formatVersion) || '?', events: m.events.toLocaleString(), size: formatBytes(m.bytes) }),
  );
}

/** The legend; filled again when the theme, and so the palette, changes. */
export function createLegend(text: Text): { el: HTMLUListElement; fill(palette: Palette): void } {
  const { S, stateName } = text;
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
  const fill = (palette: Palette) => {
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
  return { el: legend, fill };
}

/** The lesson's markers as buttons: the highlighted region's opens on it, the others jump to their time. */
export function buildMarkerList(markers: PlacedMarker[], highlight: RegionHighlight | undefined, nav: Navigator): HTMLElement {
  const markerList = el('ul', 'tv-markers');
  for (const mk of markers) {
    const li = el('li');
    const b = el('button', 'tv-link', `${mk.label} (${formatNs(mk.t)})`);
    b.type = 'button';
    if (mk.end !== undefined && highlight) {
      li.dataset.highlight = 'true';
      b.addEventListener('click', () => nav.focusRegion(highlight.region));
    } else b.addEventListener('click', () => nav.jumpTo(mk.t, true));
    li.append(b);
    markerList.append(li);
  }
  markerList.hidden = markers.length === 0;
  return markerList;
}

export function buildSelection(text: Text): { selection: HTMLElement; selBody: HTMLElement } {
  const selection = el('section', 'tv-selection');
  selection.setAttribute('aria-live', 'polite');
  const selTitle = el('h4', undefined, text.S('selection'));
  const selBody = el('div', 'tv-selection__body', text.S('selectionNone'));
  selection.append(selTitle, selBody);
  return { selection, selBody };
}

export interface FindingsPanel {
  el: HTMLElement;
  /** Says the doctor is still running (its findings come after the first frame). */
  showPending(): void;
  show(list: Finding[]): void;
  /** How many findings are listed, the ones expected in WebAssembly included. */
  count(): number;
}

/** The trace doctor's findings, each with its time and, when written, its lesson. */
export function createFindings(opts: TimelineOptions, text: Text, nav: Navigator): FindingsPanel {
  const { S } = text;
  const box = el('section', 'tv-findings');
  let found: Finding[] = [];
  function show(list: Finding[]) {
    box.removeAttribute('aria-busy');
    const { findings: shownList, expected } = findingsFor(opts.runtime ?? 'native', list);
    found = shownList;
    box.replaceChildren(el('h4', undefined, S('findings')));
    if (found.length === 0) {
      box.append(el('p', undefined, S('findingsNone')));
      return;
    }
    if (expected.size > 0) box.append(el('p', 'tv-runtime-note', S('wasmNote')));
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
        b.addEventListener('click', () => nav.jumpTo(f.time, true));
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
    box.append(ul);
  }
  function showPending() {
    box.append(el('h4', undefined, S('findings')), el('p', undefined, S('findingsPending')));
    box.setAttribute('aria-busy', 'true');
  }
  return { el: box, show, showPending, count: () => found.length };
}

/** The trace's logs, oldest first; a page of thousands of buttons would be slow, so the first 500. */
export function buildLogs(m: TraceModel, text: Text, nav: Navigator): HTMLElement {
  const { S, str } = text;
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
      nav.jumpTo(m.logs.time[row], false);
      const g = m.logs.goroutine[row];
      if (g >= 0) {
        const lane = nav.revealGoroutine(g);
        nav.select({ lane, row: 0, index: row, kind: 'log', t: m.logs.time[row] });
      }
    });
    const g = m.logs.goroutine[i];
    li.append(b, ` ${g >= 0 ? `G${m.goroutines[g]?.id ?? '?'} ` : ''}`, el('code', undefined, str(m.logs.category[i])), ' ', el('span', 'tv-log-msg', str(m.logs.message[i])));
    logList.append(li);
  }
  if (m.logs.length > LOG_LIMIT) logList.append(el('li', undefined, S('logsMore', { count: m.logs.length - LOG_LIMIT })));
  logsBox.append(logList);
  logsBox.hidden = m.logs.length === 0;
  return logsBox;
}

/** The trace in one sentence for screen readers; written again when the findings arrive. */
export function createSummary(m: TraceModel, text: Text, findings: () => number): { el: HTMLElement; write(): void } {
  let stwTotal = 0;
  for (let i = 0; i < m.stwPauses.length; i++) stwTotal += m.stwPauses.end[i] - m.stwPauses.start[i];
  const summary = el('p', 'tv-sr-only');
  const write = () => {
    summary.textContent = text.S('summary', {
      duration: formatNs(m.duration),
      goroutines: m.goroutines.length,
      gcs: m.gcCycles.length,
      stw: formatNs(stwTotal),
      findings: findings(),
    });
  };
  write();
  return { el: summary, write };
}

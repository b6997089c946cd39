/**
 * The timeline's controls and stage: play, speed, scrubber, time, zoom and search above the canvas,
 * the tooltip over it, and the help and "now" lines under it. Built here; wired in timeline-input.ts.
 */
import { el } from './dom.ts';
import { SPEEDS, type Text } from './timeline-state.ts';

export interface Controls {
  toolbar: HTMLElement;
  playBtn: HTMLButtonElement;
  speedSelect: HTMLSelectElement;
  scrubber: HTMLInputElement;
  timeOut: HTMLOutputElement;
  zoomIn: HTMLButtonElement;
  zoomOut: HTMLButtonElement;
  zoomAll: HTMLButtonElement;
  searchInput: HTMLInputElement;
  results: HTMLUListElement;
  stage: HTMLElement;
  canvas: HTMLCanvasElement;
  tooltip: HTMLElement;
  help: HTMLElement;
  now: HTMLElement;
}

export function buildControls(text: Text, duration: number, height: number): Controls {
  const { S } = text;
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
  return { toolbar, playBtn, speedSelect, scrubber, timeOut, zoomIn, zoomOut, zoomAll, searchInput, results, stage, canvas, tooltip, help, now };
}

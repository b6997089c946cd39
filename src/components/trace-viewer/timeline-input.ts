/**
 * Input: the toolbar's controls, the keyboard on the stage, the wheel, and pointers on the canvas
 * (drag to pan, pinch to zoom, click to select, hover for the tooltip), each turned into calls on
 * the navigator. Every listener goes on `signal`, so destroying the timeline removes them all.
 */
import { centreOn, panBy, timeToX, xToTime, zoomAt } from './scale.ts';
import { renderDetails } from './timeline-details.ts';
import { hitAt, hitAtPlayhead } from './timeline-hit.ts';
import type { Navigator } from './timeline-nav.ts';
import { search } from './timeline-search.ts';
import { AXIS, GUTTER, maxScroll, plotW, SPEEDS, type Text, type TimelineState } from './timeline-state.ts';
import type { Controls } from './timeline-toolbar.ts';

export interface InputHooks {
  requestDraw(): void;
  signal: AbortSignal;
}

export function bindInput(st: TimelineState, c: Controls, nav: Navigator, text: Text, hooks: InputHooks): void {
  const { m, duration, height } = st;
  const { requestDraw } = hooks;
  const { playBtn, speedSelect, scrubber, zoomIn, zoomOut, zoomAll, searchInput, results, stage, canvas, tooltip } = c;
  const { setWindow, setPlayhead, setPlaying, select } = nav;
  const on = <T extends Event>(target: EventTarget, type: string, fn: (e: T) => void, o: AddEventListenerOptions = {}) =>
    target.addEventListener(type, fn as EventListener, { ...o, signal: hooks.signal });
  // Zooming keeps the playhead where it is on screen, unless it is off screen: then the middle.
  const clampT = (t: number) => (t < st.win.start || t > st.win.end ? (st.win.start + st.win.end) / 2 : t);
  const runSearch = () => search(st, nav, text, results, stage, searchInput.value);

  on(playBtn, 'click', () => setPlaying(!st.playing));
  on(speedSelect, 'change', () => (st.speed = SPEEDS.find((s) => s.id === speedSelect.value) ?? SPEEDS[0]));
  on(scrubber, 'input', () => setPlayhead(Number(scrubber.value), true));
  on(zoomIn, 'click', () => setWindow(zoomAt(st.win, plotW(st), 2, timeToX(st.win, plotW(st), clampT(st.playhead)), duration)));
  on(zoomOut, 'click', () => setWindow(zoomAt(st.win, plotW(st), 0.5, plotW(st) / 2, duration)));
  on(zoomAll, 'click', () => setWindow({ start: 0, end: duration }));
  let searchTimer = 0;
  on(searchInput, 'input', () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(runSearch, 150);
  });
  on<KeyboardEvent>(searchInput, 'keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      runSearch();
      results.querySelector('button')?.click();
    }
  });

  on<KeyboardEvent>(stage, 'keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const { win, playhead } = st;
    const W = plotW(st);
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
        st.scrollY = Math.max(0, st.scrollY - 40);
        requestDraw();
        break;
      case 'ArrowDown':
        st.scrollY = Math.min(maxScroll(st), st.scrollY + 40);
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
        setPlaying(!st.playing);
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
        select(hitAtPlayhead(st), true);
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
      const W = plotW(st);
      // deltaMode 1 counts lines and 2 pages; both become pixels here.
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? height : 1;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        setWindow(zoomAt(st.win, W, Math.exp((-e.deltaY * unit) / 300), Math.max(0, Math.min(W, x)), duration));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        setWindow(panBy(st.win, W, (e.shiftKey ? e.deltaY : e.deltaX) * unit, duration));
      } else {
        // Only a scroll the lanes can take is kept from the page: at either end the page scrolls on.
        const next = Math.min(maxScroll(st), Math.max(0, st.scrollY + e.deltaY * unit));
        if (next !== st.scrollY) {
          e.preventDefault();
          st.scrollY = next;
          requestDraw();
        }
      }
    },
    { passive: false },
  );

  function showTooltip(x: number, y: number) {
    const h = hitAt(st, x, y);
    if (!h || h.kind === 'group') {
      tooltip.hidden = true;
      return;
    }
    renderDetails(tooltip, m, h, false, text);
    tooltip.hidden = false;
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    tooltip.style.left = `${Math.min(x + 14, st.cssWidth - tw - 4)}px`;
    tooltip.style.top = `${y + 14 + th > height ? Math.max(0, y - th - 8) : y + 14}px`;
  }

  function click(x: number, y: number) {
    stage.focus({ preventScroll: true });
    // A click on the axis moves the playhead there.
    if (y < AXIS && x >= GUTTER) {
      setPlayhead(xToTime(st.win, plotW(st), x - GUTTER), false);
      return;
    }
    const h = hitAt(st, x, y);
    if (h?.kind === 'group') return nav.toggleGroup(h.lane);
    select(h, true);
  }

  // Pointer: drag to pan, pinch to zoom, click to select, hover for the tooltip.
  const pointers = new Map<number, { x: number; y: number }>();
  // A press is a click until it moves more than 3 px or a second finger comes down.
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
      showTooltip(p.x, p.y);
      return;
    }
    pointers.set(e.pointerId, p);
    const W = plotW(st);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinchDist > 0 && dist > 0) setWindow(zoomAt(st.win, W, dist / pinchDist, (a.x + b.x) / 2 - GUTTER, duration));
      pinchDist = dist;
      return;
    }
    const dx = p.x - prev.x;
    const dy = p.y - prev.y;
    if (dragFrom && Math.hypot(p.x - dragFrom.x, p.y - dragFrom.y) > 3) dragFrom.moved = true;
    if (dragFrom?.moved) {
      tooltip.hidden = true;
      if (dx) setWindow(panBy(st.win, W, -dx, duration));
      if (dy) {
        st.scrollY = Math.min(maxScroll(st), Math.max(0, st.scrollY - dy));
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
    tooltip.hidden = true;
  });
}

/**
 * The viewer shell: a tab list over the views of one analysed trace. The timeline (timeline-view.ts)
 * is mounted at once; goroutines, profiles, regions and mmu (views/*.ts) are imported only when their
 * tab first opens, and the analyses they share (go tool trace's summaries, profiles and MMU, computed
 * in the analysis worker) are requested once: on first need, or (analyseInBackground, the
 * open-a-trace page) once the timeline has drawn, so that a view opened later is ready at once. The
 * views talk to the timeline only through the shared time model (time-model.ts).
 */
import type { TraceModel } from '../../analysis/model.ts';
import { el } from './dom.ts';
import { fillTemplate } from './scale.ts';
import { TimeModel } from './time-model.ts';
import { mountTimeline, type TimelineHandle, type TimelineOptions } from './timeline-view.ts';
import type { GoViewData } from './go-data.ts';
import type { ViewContext, ViewHandle } from './views/context.ts';

export { formatFacts, resolveMarker } from './timeline-view.ts';
export type { Marker, RegionHighlight, Strings } from './timeline-view.ts';

export const VIEWS = ['timeline', 'goroutines', 'profiles', 'regions', 'mmu'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface ViewerOptions extends TimelineOptions {
  /**
   * The trace's bytes, for the analyses of the other views (they read the trace again, in the worker,
   * as go tool trace does). Without it the viewer is the timeline alone.
   */
  source?: Blob;
  /** The view to open on (default the timeline). */
  view?: ViewName;
  /**
   * Start the other views' analyses once the timeline has drawn, at low priority, rather than when
   * one of them first opens (the open-a-trace page: a trace opened there is looked at in every view).
   */
  analyseInBackground?: boolean;
}

export type ViewerHandle = TimelineHandle & {
  /** Opens a view's tab (loading its code if needed); resolves when it is shown. */
  open(view: ViewName): Promise<void>;
};

// One dynamic import per view, so each is its own chunk, loaded when its tab opens.
const loaders: Record<Exclude<ViewName, 'timeline'>, () => Promise<{ mount(panel: HTMLElement, ctx: ViewContext): ViewHandle }>> = {
  goroutines: () => import('./views/goroutines-view.ts'),
  profiles: () => import('./views/profiles-view.ts'),
  regions: () => import('./views/regions-view.ts'),
  mmu: () => import('./views/mmu-view.ts'),
};

let nextId = 0;

export function mountViewer(host: HTMLElement, model: TraceModel, opts: ViewerOptions): ViewerHandle {
  const S = (key: string, facts?: Record<string, string | number>) => {
    const s = opts.strings[key] ?? key;
    return facts ? fillTemplate(s, facts) : s;
  };
  const time = new TimeModel(Math.max(model.duration, 1), opts.window);
  const ac = new AbortController();
  const id = `tv${++nextId}`;
  const views: readonly ViewName[] = opts.source ? VIEWS : ['timeline'];

  const shell = el('div', 'tv-shell');
  const tablist = el('div', 'tv-tabs');
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', S('views'));
  const status = el('p', 'tv-analysis-status');
  status.setAttribute('role', 'status');
  status.hidden = true;
  const tabs = new Map<ViewName, HTMLButtonElement>();
  const panels = new Map<ViewName, HTMLElement>();
  for (const v of views) {
    const tab = el('button', 'tv-tab', S(`tab.${v}`));
    tab.type = 'button';
    tab.id = `${id}-tab-${v}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', `${id}-panel-${v}`);
    tab.dataset.tab = v;
    tab.addEventListener('click', () => void open(v));
    tabs.set(v, tab);
    tablist.append(tab);
    const panel = el('div', 'tv-panel');
    panel.id = `${id}-panel-${v}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.dataset.view = v;
    panels.set(v, panel);
  }
  tablist.addEventListener('keydown', (e) => {
    const i = views.indexOf((e.target as HTMLElement).dataset.tab as ViewName);
    if (i < 0) return;
    const next =
      e.key === 'ArrowRight' ? (i + 1) % views.length
      : e.key === 'ArrowLeft' ? (i - 1 + views.length) % views.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? views.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    void open(views[next]);
    tabs.get(views[next])!.focus();
  });
  if (views.length > 1) shell.append(tablist, status);
  shell.append(...panels.values());
  host.replaceChildren(shell);

  const timeline = mountTimeline(panels.get('timeline')!, model, opts, time);

  // The analyses of the four views: one request, made when the first of them opens (or in the
  // background). Their progress shows while a view waits for them, not over the timeline.
  let data: Promise<GoViewData> | null = null;
  let analysing = false;
  const showStatus = () => {
    if (status.dataset.state !== 'failed') status.hidden = !(analysing && current !== null && current !== 'timeline');
  };
  const requestData = (): Promise<GoViewData> => {
    if (data) return data;
    analysing = true;
    status.removeAttribute('data-state');
    status.textContent = S('analysing', { percent: 0 });
    showStatus();
    shell.dataset.analysis = 'running';
    const t0 = performance.now();
    data = import('./go-data.ts').then(({ requestGoViewData }) =>
      requestGoViewData(opts.source!, {
        signal: ac.signal,
        onProgress: (read, total) => (status.textContent = S('analysing', { percent: total > 0 ? Math.floor((100 * read) / total) : 0 })),
      }),
    );
    data.then(
      () => {
        analysing = false;
        showStatus();
        // For the bench (scripts/bench-viewer.ts): how long the analyses took, apart from drawing the views.
        shell.dataset.analysisMs = String(Math.round(performance.now() - t0));
        shell.dataset.analysis = 'done';
      },
      (error: unknown) => {
        if (ac.signal.aborted) return;
        analysing = false;
        shell.dataset.analysis = 'failed';
        status.hidden = false;
        status.dataset.state = 'failed';
        status.textContent = S('analysisFailed', { message: error instanceof Error ? error.message : String(error) });
        // A failed analysis may be tried again (another tab, the same tab again).
        data = null;
      },
    );
    return data;
  };

  const mounted = new Map<ViewName, ViewHandle>();
  let current: ViewName | null = null;
  async function open(v: ViewName): Promise<void> {
    if (!tabs.has(v)) v = 'timeline';
    if (current !== v) {
      current = v;
      for (const [name, tab] of tabs) {
        const on = name === v;
        tab.setAttribute('aria-selected', String(on));
        tab.tabIndex = on ? 0 : -1;
        panels.get(name)!.hidden = !on;
      }
      shell.dataset.view = v;
      showStatus();
    }
    if (v === 'timeline' || mounted.has(v)) return;
    const panel = panels.get(v)!;
    panel.setAttribute('aria-busy', 'true');
    try {
      const mod = await loaders[v]();
      if (ac.signal.aborted || mounted.has(v)) return;
      mounted.set(v, mod.mount(panel, { model, time, S, data: requestData, signal: ac.signal }));
    } catch (error) {
      if (!ac.signal.aborted) panel.replaceChildren(el('p', 'tv-error', S('analysisFailed', { message: error instanceof Error ? error.message : String(error) })));
    } finally {
      panel.removeAttribute('aria-busy');
    }
  }
  // Another view asked to show something on the timeline: go there.
  const stopFocus = time.onFocus(() => void open('timeline'));
  void open(opts.view ?? 'timeline');

  // In the background: after the timeline's first frame, when the page is idle (the worker then
  // reads the file while the user looks at the timeline).
  let idle = 0;
  const onFrame = () => {
    const start = () => {
      idle = 0;
      if (!ac.signal.aborted) void requestData().catch(() => {});
    };
    idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : window.setTimeout(start, 200);
  };
  if (opts.analyseInBackground && opts.source) timeline.root.addEventListener('trace-viewer:frame', onFrame, { once: true, signal: ac.signal });

  return {
    ...timeline,
    root: timeline.root,
    focusSpan: (f) => timeline.focusSpan(f),
    state: () => timeline.state(),
    open,
    destroy() {
      ac.abort();
      if (idle !== 0) {
        if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
        else clearTimeout(idle);
      }
      stopFocus();
      for (const h of mounted.values()) h.destroy();
      timeline.destroy();
    },
  };
}

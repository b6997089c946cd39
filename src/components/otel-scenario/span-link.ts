/**
 * The waterfall and the execution trace of one run, linked: selecting a span shows its task on the
 * timeline (the viewer's focusSpan), with the goroutines that worked for it and where they were not
 * running, and says so in words below the waterfall; selecting a span's task on the timeline
 * selects the span. Each span's row is marked with the goroutine that ran it.
 */
import type { TraceModel } from '../../analysis/model.ts';
import { linkSpansToTasks, spanWork, type SpanWork } from '../../analysis/span-tasks.ts';
import type { SpanRecord } from '../../go-wasm/spans.ts';
import { formatMessage, pageLang } from '../../site/message.ts';
import type { WaterfallHandle } from '../span-waterfall/waterfall.ts';
import { formatNs } from '../trace-viewer/scale.ts';
import type { ViewerHandle } from '../trace-viewer/viewer.ts';

export interface SpanLinkParts {
  model: TraceModel;
  spans: readonly SpanRecord[];
  waterfall: WaterfallHandle;
  viewer: ViewerHandle;
  /** Where the selected span's story on the trace is told. */
  panel: HTMLElement;
  /** otel.* strings, without the prefix. */
  strings: Record<string, string>;
}

export interface SpanLink {
  /** Shows span i (an index into spans) on the timeline, or clears it. */
  show(index: number | null): void;
  destroy(): void;
}

export function linkSpans(p: SpanLinkParts): SpanLink {
  const lang = pageLang();
  const S = (key: string, values: Record<string, string | number> = {}) => formatMessage(p.strings[key] ?? key, values, lang);
  const m = p.model;
  const links = linkSpansToTasks(m, p.spans);
  const spanOfTask = new Map<number, number>();
  links.forEach((l, i) => {
    if (l && !spanOfTask.has(l.task)) spanOfTask.set(l.task, i);
  });
  const gName = (g: number) => `G${m.goroutines[g]?.id ?? '?'}`;
  const works = new Map<number, SpanWork>();
  const workOf = (task: number) => {
    let w = works.get(task);
    if (!w) works.set(task, (w = spanWork(m, task)));
    return w;
  };
  links.forEach((l, i) => {
    if (!l) return;
    const t = m.tasks[l.task];
    const began = t.startGoroutine >= 0 ? gName(t.startGoroutine) : '';
    const ended = t.endGoroutine >= 0 && t.endGoroutine !== t.startGoroutine ? ` → ${gName(t.endGoroutine)}` : '';
    if (began) p.waterfall.mark(i, `${began}${ended}`);
  });

  let current: number | null = null;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function tell(index: number | null) {
    if (index === null) {
      p.panel.replaceChildren(el('p', S('onTraceHint')));
      return;
    }
    const s = p.spans[index];
    const link = links[index];
    if (!link) {
      p.panel.replaceChildren(el('p', S('noTask', { name: s.name })));
      return;
    }
    const w = workOf(link.task);
    const t = m.tasks[link.task];
    const head = el('p', S('onTrace', { task: t.id, name: m.strings[t.name] ?? '', duration: formatNs(w.end - w.start) }));
    if (link.how === 'name') head.append(' ', S('taskByName'));
    const list = el('ul');
    for (const share of w.goroutines) {
      const fn = m.strings[m.goroutines[share.goroutine]?.startFunc ?? 0] ?? '';
      const roles = [share.began ? S('goroutineBegan') : '', share.ended ? S('goroutineEnded') : ''].filter(Boolean).join(', ');
      list.append(el('li', S('goroutine', {
        g: gName(share.goroutine), fn: fn.slice(fn.lastIndexOf('/') + 1) || '?', roles: roles ? ` (${roles})` : '',
        running: formatNs(share.running), notRunning: formatNs(share.notRunning),
      })));
    }
    const total = w.waited.reduce((n, x) => n + x.ns, 0);
    const waited = total > 0
      ? S('waited', { total: formatNs(total), list: w.waited.map((x) => `${S(`state.${x.state}`)}${x.reason ? ` (${x.reason})` : ''} ${formatNs(x.ns)}`).join(', ') })
      : S('waitedNone');
    p.panel.replaceChildren(head, list, el('p', waited));
  }

  function show(index: number | null) {
    current = index;
    tell(index);
    const link = index === null ? null : links[index];
    if (!link) {
      p.viewer.focusSpan(null);
      return;
    }
    const w = workOf(link.task);
    const s = p.spans[index!];
    p.viewer.focusSpan({
      label: `${s.service} · ${s.name}`, task: link.task, start: w.start, end: w.end,
      goroutines: w.goroutines.map((g) => g.goroutine), waits: w.waits,
    });
  }

  // A task selected on the timeline selects its span in the waterfall.
  const onSelect = (e: Event) => {
    const task = (e as CustomEvent<{ task: number }>).detail?.task ?? -1;
    const index = spanOfTask.get(task);
    if (index === undefined || index === current) return;
    p.waterfall.select(index);
    show(index);
  };
  p.viewer.root.addEventListener('trace-viewer:select', onSelect);
  tell(null);
  return {
    show,
    destroy() {
      p.viewer.root.removeEventListener('trace-viewer:select', onSelect);
    },
  };
}

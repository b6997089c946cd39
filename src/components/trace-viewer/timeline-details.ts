/**
 * What a hit on the timeline shows: a title, label/value fields and a stack, read from the model
 * alone, then put on the page (the tooltip and the selection panel) as text.
 */
import type { TraceModel } from '../../analysis/model.ts';
import { goroutineOfRow, stateOpen } from '../../analysis/queries.ts';
import { el } from './dom.ts';
import { seriesAt } from './hit.ts';
import { modelRow } from './lod.ts';
import { formatBytes, formatNs } from './scale.ts';
import type { Hit, Text } from './timeline-state.ts';

export interface Details {
  title: string;
  /** Label/value pairs; values are trace data, shown as text only. */
  fields: [string, string][];
  /** Frames as indices into the model's strings ("func file:line"). */
  stack: number[];
}

export function details(m: TraceModel, h: Hit, text: Text): Details {
  const { S, str, stateName } = text;
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

/** Fills `target` with a hit's details; the tooltip (`full` false) keeps only the top three frames. */
export function renderDetails(target: HTMLElement, m: TraceModel, h: Hit, full: boolean, text: Text): void {
  const d = details(m, h, text);
  const title = el('strong', undefined, d.title);
  const dl = el('dl');
  for (const [k, v] of d.fields) dl.append(el('dt', undefined, k), el('dd', undefined, v));
  target.replaceChildren(title, dl);
  if (d.stack.length) {
    const frames = full ? d.stack : d.stack.slice(0, 3);
    const ol = el('ol', 'tv-stack');
    for (const f of frames) ol.append(el('li', undefined, text.str(f)));
    if (!full && d.stack.length > 3) ol.append(el('li', undefined, '…'));
    target.append(el('div', 'tv-stack__title', text.S('field.stack')), ol);
  }
}

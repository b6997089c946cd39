// The trace doctor: rules that look at an analysed trace and point at the pitfalls the course teaches.
//
// A finding carries numbers and names only (`facts`); its message is rendered by the viewer from UI
// strings keyed by rule (content/i18n), so this file holds no prose. `findingRules` lists every rule
// with the facts it fills, for whoever writes those strings.

import { GState, type Finding, type TraceModel } from './model.ts';
import { stateOpen } from './queries.ts';
import { blockRateByWindow } from './summaries.ts';

type Severity = Finding['severity'];

export interface FindingRule {
  id: string;
  /** The lesson that explains it (slug in content/outline.json). */
  lesson: string;
  /** Fact names the rule fills (all of them, every time). */
  facts: readonly string[];
}

/** Every rule, its lesson and its facts: the one table of the doctor. */
export const findingRules = [
  // The trace stops before its end. cause: 'header-only' | 'ended-early' | 'generation-boundary'.
  { id: 'truncated', lesson: 'principles/capturing-and-opening', facts: ['cause', 'events', 'durationMs'] },
  // The reader failed (e.g. other output written into the trace file); everything before is shown.
  { id: 'read-error', lesson: 'principles/capturing-and-opening', facts: ['message', 'offset', 'events'] },
  // Many user goroutines existed before tracing began (no creation event). topGroup: their commonest start function.
  { id: 'late-start', lesson: 'init/late-start', facts: ['goroutines', 'topGroup', 'topGroupCount'] },
  // Stop-the-world pauses over 1 ms. kind: the longest pause's range name.
  { id: 'long-stw', lesson: 'principles/how-the-tracer-works', facts: ['count', 'longestMs', 'kind', 'totalMs'] },
  // The GC mark phase covers a large share of the trace.
  { id: 'gc-share', lesson: 'principles/how-the-tracer-works', facts: ['percent', 'cycles', 'markMs'] },
  // User goroutines blocked (for 1 ms or more) at the end of the trace: one finding per start function and reason.
  { id: 'leak', lesson: 'maturity/path', facts: ['goroutines', 'group', 'reason', 'blockedMs'] },
  // A window where the share of blocked goroutine time jumps. reason: the reason that grew most.
  { id: 'block-rate-jump', lesson: 'maturity/path', facts: ['fromPercent', 'toPercent', 'windowMs', 'reason', 'goroutines'] },
  // Regions still open at the end of the trace. name: the commonest one.
  { id: 'unended-region', lesson: 'spans/context-propagation', facts: ['regions', 'name'] },
  // Tasks begun in the trace and never ended.
  { id: 'unended-task', lesson: 'spans/context-propagation', facts: ['tasks', 'name'] },
  // Regions attributed to no task although the program uses tasks (a lost context).
  { id: 'region-without-task', lesson: 'spans/context-propagation', facts: ['regions', 'total', 'name'] },
] as const satisfies readonly FindingRule[];

export type FindingRuleId = (typeof findingRules)[number]['id'];

/** Thresholds, in one place. */
export const doctorThresholds = {
  lateStartGoroutines: 4,
  longSTWNs: 1e6,
  leakMinBlockedNs: 1e6,
  gcShare: 0.25,
  /** gc-share is not judged on traces shorter than this (one GC in a 5 ms trace says little). */
  gcShareMinDurationNs: 50e6,
  blockRateWindows: 20,
  blockRateJump: 0.25,
  blockRateJumpGoroutines: 4,
};

const lessonOf = new Map<string, string>(findingRules.map((r) => [r.id, r.lesson]));

function finding(rule: FindingRuleId, severity: Severity, time: number, facts: Record<string, number | string>): Finding {
  return { rule, severity, time, facts, lesson: lessonOf.get(rule)! };
}

const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

/** The doctor's findings, most serious first (then in trace order). */
export function findings(model: TraceModel): Finding[] {
  const out: Finding[] = [];
  const str = model.strings;

  if (model.truncated) {
    out.push(finding('truncated', 'problem', model.events > 0 ? model.duration : -1, {
      cause: model.truncatedCause ?? 'ended-early', events: model.events, durationMs: ms(model.duration),
    }));
  } else if (model.error) {
    out.push(finding('read-error', 'problem', model.events > 0 ? model.duration : -1, {
      message: model.error.message, offset: model.error.offset ?? -1, events: model.events,
    }));
  }

  // Late start: user goroutines first seen through a status event, i.e. alive before tracing.
  const pre = new Map<number, number>();
  let preCount = 0;
  for (const g of model.goroutines) {
    if (g.system || g.created >= 0) continue;
    preCount++;
    pre.set(g.group, (pre.get(g.group) ?? 0) + 1);
  }
  if (preCount >= doctorThresholds.lateStartGoroutines) {
    const [group, n] = [...pre.entries()].sort((a, b) => b[1] - a[1])[0];
    out.push(finding('late-start', 'warning', 0, { goroutines: preCount, topGroup: str[group], topGroupCount: n }));
  }

  // Long stop-the-world pauses.
  const stw = model.stwPauses;
  let longCount = 0, longTotal = 0, longest = -1;
  for (let i = 0; i < stw.length; i++) {
    const d = stw.end[i] - stw.start[i];
    if (d <= doctorThresholds.longSTWNs) continue;
    longCount++;
    longTotal += d;
    if (longest < 0 || d > stw.end[longest] - stw.start[longest]) longest = i;
  }
  if (longest >= 0) {
    out.push(finding('long-stw', 'warning', stw.start[longest], {
      count: longCount, longestMs: ms(stw.end[longest] - stw.start[longest]), kind: str[stw.name[longest]], totalMs: ms(longTotal),
    }));
  }

  // GC share: time covered by the concurrent mark phase.
  const gc = model.gcCycles;
  let mark = 0;
  for (let i = 0; i < gc.length; i++) mark += gc.end[i] - gc.start[i];
  if (model.duration >= doctorThresholds.gcShareMinDurationNs && mark / model.duration > doctorThresholds.gcShare) {
    out.push(finding('gc-share', 'warning', -1, { percent: Math.round((100 * mark) / model.duration), cycles: gc.length, markMs: ms(mark) }));
  }

  // Goroutines blocked at the end, by start function and reason.
  const blockedSince = lastBlockStart(model);
  const leaks = new Map<string, { group: number; reason: number; n: number; since: number }>();
  model.goroutines.forEach((g, i) => {
    // main.main blocked at the end is the program waiting, not a leak; a goroutine that blocked
    // only in the last millisecond is more likely caught mid-step than stuck.
    if (g.system || g.ended >= 0 || g.finalState !== GState.Waiting || str[g.startFunc] === 'main.main') return;
    if (model.duration - blockedSince[i] < doctorThresholds.leakMinBlockedNs) return;
    // A goroutine parked on the network waits for the outside world (an idle keep-alive connection,
    // a listener): that is a server's resting state, and nothing in the program could wake it.
    if (str[g.finalReason] === 'network') return;
    const key = `${g.group}/${g.finalReason}`;
    let l = leaks.get(key);
    if (l === undefined) leaks.set(key, (l = { group: g.group, reason: g.finalReason, n: 0, since: Infinity }));
    l.n++;
    l.since = Math.min(l.since, blockedSince[i]);
  });
  for (const l of [...leaks.values()].sort((a, b) => b.n - a.n)) {
    out.push(finding('leak', l.n >= 10 ? 'problem' : 'warning', l.since, {
      goroutines: l.n, group: str[l.group], reason: str[l.reason], blockedMs: ms(model.duration - l.since),
    }));
  }

  const jump = blockRateJump(model);
  if (jump) out.push(jump);

  // User annotations.
  const rg = model.regions;
  const openNames = new Map<number, number>();
  let openRegions = 0, noTask = 0;
  const noTaskNames = new Map<number, number>();
  for (let i = 0; i < rg.length; i++) {
    if (rg.open[i] === 1) {
      openRegions++;
      openNames.set(rg.name[i], (openNames.get(rg.name[i]) ?? 0) + 1);
    }
    if (rg.task[i] === 0) {
      noTask++;
      noTaskNames.set(rg.name[i], (noTaskNames.get(rg.name[i]) ?? 0) + 1);
    }
  }
  if (openRegions > 0) out.push(finding('unended-region', 'info', -1, { regions: openRegions, name: str[commonest(openNames)] }));
  const unendedTasks = model.tasks.filter((t) => t.start >= 0 && t.end < 0);
  if (unendedTasks.length > 0) {
    out.push(finding('unended-task', 'info', unendedTasks[0].start, { tasks: unendedTasks.length, name: str[unendedTasks[0].name] }));
  }
  if (model.tasks.length > 0 && noTask > 0) {
    out.push(finding('region-without-task', 'warning', -1, { regions: noTask, total: rg.length, name: str[commonest(noTaskNames)] }));
  }

  const rank: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function commonest(counts: Map<number, number>): number {
  let best = 0, n = -1;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

/** Per goroutine: start of its last Waiting interval (duration if none). */
function lastBlockStart(model: TraceModel): Float64Array {
  const since = new Float64Array(model.goroutines.length).fill(model.duration);
  const s = model.goroutineStates;
  for (let g = 0; g < model.goroutines.length; g++) {
    const r = s.offsets[g + 1] - 2; // the row before the End row
    if (r >= s.offsets[g] && s.state[r] === GState.Waiting && stateOpen(model, g, r)) since[g] = s.start[r];
  }
  return since;
}

/**
 * A window whose blocked share rises well above the median of the windows before it, with several
 * more goroutines blocked (so a single goroutine parking in a quiet program is not a jump).
 */
function blockRateJump(model: TraceModel): Finding | null {
  const nw = doctorThresholds.blockRateWindows;
  if (model.duration <= 0) return null;
  const b = blockRateByWindow(model, model.duration / nw);
  const n = b.blockedShare.length;
  const blockedGoroutines = new Float64Array(n);
  for (const col of Object.values(b.byReason)) for (let w = 0; w < n; w++) blockedGoroutines[w] += col[w] / b.windowNs;
  let best: { w: number; rise: number; base: number } | null = null;
  for (let w = 3; w < n; w++) {
    const base = median(b.blockedShare.subarray(0, w));
    const rise = b.blockedShare[w] - base;
    const more = blockedGoroutines[w] - median(blockedGoroutines.subarray(0, w));
    if (rise >= doctorThresholds.blockRateJump && more >= doctorThresholds.blockRateJumpGoroutines && (!best || rise > best.rise)) best = { w, rise, base };
  }
  if (!best) return null;
  const { w, base } = best;
  let reason = 0, grew = -Infinity;
  for (const [r, col] of Object.entries(b.byReason)) {
    const g = col[w] - median(col.subarray(0, w));
    if (g > grew) [reason, grew] = [Number(r), g];
  }
  return finding('block-rate-jump', 'warning', w * b.windowNs, {
    fromPercent: Math.round(base * 100), toPercent: Math.round(b.blockedShare[w] * 100), windowMs: ms(b.windowNs),
    reason: model.strings[reason], goroutines: Math.round(blockedGoroutines[w]),
  });
}

function median(xs: Float64Array): number {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

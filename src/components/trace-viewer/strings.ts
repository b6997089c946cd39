/**
 * The UI strings the viewer and the opener use, by key (without the `viewer.` / `open.` prefix). The
 * Astro components read them from content/i18n through Astro.locals.t and pass them to the page in a
 * data attribute, so the components hold no words of their own.
 */
import { findingRules } from '../../analysis/index.ts';

export const VIEWER_KEYS = [
  'play', 'pause', 'speed', 'speed.fit20', 'speed.fit60', 'scrubber', 'zoomIn', 'zoomOut', 'zoomReset',
  'search', 'searchPlaceholder', 'searchNone', 'stageLabel', 'help', 'now', 'legend',
  'lane.proc', 'lane.gc', 'lane.heap', 'lane.tasks',
  'state.running', 'state.runnable', 'state.waiting', 'state.syscall', 'state.undetermined',
  'legend.gc', 'legend.stw', 'legend.assist', 'legend.heap', 'legend.goal', 'legend.region', 'legend.task', 'legend.log',
  'field.goroutine', 'field.state', 'field.reason', 'field.proc', 'field.start', 'field.duration', 'field.open',
  'field.stack', 'field.region', 'field.task', 'field.parent', 'field.category', 'field.message', 'field.name',
  'selection', 'selectionNone', 'findings', 'findingsNone', 'findingsPending', 'findingAt', 'findingLesson',
  'severity.info', 'severity.warning', 'severity.problem', 'logs', 'logsMore', 'summary', 'about',
  'loading', 'failed', 'wasmNote', 'wasmExpected',
  // The views beside the timeline (viewer.ts, views/*.ts).
  'views', 'tab.timeline', 'tab.goroutines', 'tab.profiles', 'tab.regions', 'tab.mmu', 'analysing',
  'analysingShort', 'analysisFailed', 'gor.caption', 'gor.groupCaption', 'gor.group', 'gor.count',
  'gor.goroutine', 'gor.back', 'gor.show', 'gor.unnamed', 'col.exec', 'col.schedWait', 'col.block',
  'col.noReason', 'col.syscall', 'col.syscallBlock', 'col.assist', 'col.unknown', 'col.total', 'prof.kind',
  'prof.sync', 'prof.net', 'prof.syscall', 'prof.sched', 'prof.empty', 'prof.root', 'prof.frame', 'prof.flame',
  'prof.top', 'prof.total', 'prof.count', 'prof.stack', 'prof.download', 'reg.regions', 'reg.tasks',
  'reg.region', 'reg.task', 'reg.count', 'reg.histogram', 'reg.max', 'reg.bucket', 'reg.slowest', 'reg.at',
  'reg.none', 'mmu.flags', 'mmu.stw', 'mmu.background', 'mmu.assist', 'mmu.title', 'mmu.x', 'mmu.y',
  'mmu.window', 'mmu.worst', 'mmu.at', 'tableLimit',
] as const;

/** Why a trace was cut short (the `cause` fact of the doctor's 'truncated' finding). */
export const TRUNCATION_CAUSES = ['header-only', 'ended-early', 'generation-boundary'] as const;

export const OPEN_KEYS = [
  'drop', 'choose', 'reading', 'analysing', 'cancel', 'cancelled', 'error', 'eventsBefore', 'noEvents', 'fileInfo',
  'empty', 'headerOnly', 'notTrace', 'lessonStop', 'lessonCapture',
  'looks.png', 'looks.jpeg', 'looks.gif', 'looks.pdf', 'looks.gzip', 'looks.zip', 'looks.text', 'looks.binary',
] as const;

export function viewerStrings(t: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of VIEWER_KEYS) out[k] = t(`viewer.${k}`);
  // Every rule of the trace doctor has a message `viewer.finding.<rule>` with its facts as {placeholders}.
  for (const r of findingRules) out[`finding.${r.id}`] = t(`viewer.finding.${r.id}`);
  for (const c of TRUNCATION_CAUSES) out[`cause.${c}`] = t(`viewer.cause.${c}`);
  return out;
}

export function openStrings(t: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of OPEN_KEYS) out[k] = t(`open.${k}`);
  return out;
}

/** Root-relative prefix of lesson links on a page of the given locale ('zh-cn' or the root locale). */
export function lessonBase(base: string, locale: string | undefined): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return locale === 'zh-cn' ? `${b}zh-cn/` : b;
}

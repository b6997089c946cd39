/**
 * The UI strings of the self-assessment, by key without the `maturity.` prefix. The Astro component
 * reads them from content/i18n (Astro.locals.t) and hands them to the page in a data attribute; the
 * model's own words come from content/maturity/model.yaml.
 */
import { formatMessage, pageLang } from '../../site/message.ts';

export const MATURITY_KEYS = [
  'noscript', 'stagesTitle', 'source', 'questionsTitle', 'progress', 'essential', 'stageTag', 'taught', 'lessonSoon', 'pageSoon', 'checklistDone',
  'results', 'overall', 'outOf10', 'notScored', 'stage', 'stageOf', 'counts', 'dimension', 'score', 'dontKnow', 'answered',
  'chart', 'blockers', 'top', 'state.weak', 'state.dont-know', 'state.unanswered', 'recommendations', 'recommendationsNone',
  'blocks', 'unknown', 'read', 'actions', 'name', 'saveHistory', 'saved', 'exportJson', 'exportMarkdown', 'exported', 'share',
  'shareLabel', 'copy', 'copied', 'copyFailed', 'print', 'clear', 'cleared', 'restoredBad', 'history', 'historyNone',
  'historyChart', 'date', 'historyClear', 'team', 'teamIntro', 'teamFiles', 'teamPaste', 'teamAdd', 'teamAddSelf', 'teamClear',
  'teamRemove', 'teamMembers', 'teamMember', 'teamMe', 'teamEmpty', 'teamChart', 'teamMin', 'teamMedian', 'teamMax',
  'teamSpread', 'teamAgree', 'teamDisagree', 'teamStages', 'teamQuestions', 'teamQuestionsNone', 'teamAdded', 'teamIgnored',
  'teamError.json', 'teamError.kind', 'teamError.format', 'title', 'answers', 'question', 'answer', 'unanswered',
  'clearConfirm', 'clearYes', 'cancel', 'historyClearConfirm', 'historyClearYes', 'historyCleared', 'teamClearConfirm', 'teamClearYes',
  'colleague.title', 'colleague.intro', 'colleague.same', 'colleague.differ', 'colleague.you', 'colleague.them', 'colleague.import',
  'colleague.addTeam', 'colleague.close', 'colleague.replace', 'colleague.replaceNone', 'colleague.yes', 'colleague.no',
  'colleague.imported', 'colleague.undo', 'colleague.undone', 'colleague.member',
  'what.answers', 'what.history', 'what.team', 'what.name',
] as const;

export type MaturityKey = (typeof MATURITY_KEYS)[number];
export type MaturityStrings = Record<MaturityKey, string>;

export function maturityStrings(t: (key: string) => string): MaturityStrings {
  return Object.fromEntries(MATURITY_KEYS.map((k) => [k, t(`maturity.${k}`)])) as MaturityStrings;
}

/** Fills `{name}` placeholders and plural forms (src/site/message.ts). */
export function format(template: string, values: Record<string, string | number>, lang = pageLang()): string {
  return formatMessage(template, values, lang);
}

/** How a lesson is named beside a question: its title (linked elsewhere) or "Lesson 2.2 (coming soon)". */
export function lessonLabel(ref: { slug: string; number: string; title: string; href: string | null }, s: Pick<MaturityStrings, 'lessonSoon' | 'pageSoon'>): string {
  if (ref.href) return ref.title;
  return ref.number ? format(s.lessonSoon, { number: ref.number }) : format(s.pageSoon, { slug: ref.slug });
}

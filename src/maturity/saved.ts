/**
 * What the self-assessment keeps in this browser, read under the rule of src/storage/saved.ts: the
 * reader's answers, the history of saved results, the team view's members and the reader's name.
 * Each reader says whether it used the stored text whole; what it leaves out (an answer to a
 * question this version no longer asks, a damaged history entry) makes the text kept aside first.
 */
import { jsonReading, type Reading } from '../storage/saved.ts';
import { HISTORY_LIMIT, validEntry, type HistoryEntry } from './history.ts';
import { cleanAnswers, type Answers, type ScoringModel } from './scoring.ts';
import type { Member } from './team.ts';

export { ANSWERS_KEY, HISTORY_KEY } from './history.ts';
export const TEAM_KEY = 'go-trace-field-guide:maturity:team';
export const NAME_KEY = 'go-trace-field-guide:maturity:name';
export const TEAM_FORMAT = 1;

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** The reader's answers: an object of question id → answer, each checked against the model. */
export const readAnswers = (model: ScoringModel) => (text: string): Reading<Answers> =>
  jsonReading(text, (data) => {
    if (!isObject(data)) return { value: null, problem: 'unreadable' };
    const { answers, ignored } = cleanAnswers(model, data);
    return ignored ? { value: answers, problem: 'partial' } : { value: answers };
  });

/** The history, oldest first; entries of another shape are left out (and the text kept). */
export function readHistory(text: string): Reading<HistoryEntry[]> {
  return jsonReading(text, (data) => {
    if (!Array.isArray(data)) return { value: null, problem: 'unreadable' };
    const entries = data.filter(validEntry).sort((a, b) => Date.parse(a.date) - Date.parse(b.date)).slice(-HISTORY_LIMIT);
    return entries.length < data.length ? { value: entries, problem: 'partial' } : { value: entries };
  });
}

/** The team view as saved: { v, members: [{ name, answers }] }. */
export const readTeam = (model: ScoringModel) => (text: string): Reading<Member[]> =>
  jsonReading(text, (data) => {
    if (!isObject(data) || data.v !== TEAM_FORMAT || !Array.isArray(data.members)) return { value: null, problem: 'unreadable' };
    let partial = false;
    const members: Member[] = [];
    for (const m of data.members) {
      if (!isObject(m) || typeof m.name !== 'string' || !isObject(m.answers)) {
        partial = true;
        continue;
      }
      const { answers, ignored } = cleanAnswers(model, m.answers);
      if (ignored) partial = true;
      members.push({ name: m.name.slice(0, 100), answers });
    }
    return partial ? { value: members, problem: 'partial' } : { value: members };
  });

export const teamText = (members: Member[]) => JSON.stringify({ v: TEAM_FORMAT, members });

/** The reader's name, as typed into the export box. */
export function readName(text: string): Reading<string> {
  return jsonReading(text, (data) => (typeof data === 'string' && data.length <= 100 ? { value: data } : { value: null, problem: 'unreadable' }));
}

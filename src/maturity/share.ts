/**
 * Share links: the answers in the URL fragment, so nothing is sent to a server.
 *
 *   #maturity=1.2a1--0nu2
 *
 * `1` is the model's version; then one character per question in the model's order: the option's
 * index (0–9), `u` for "don't know", `n` for "not applicable", `-` for unanswered. Trailing `-` are
 * dropped. A fragment for another model version, of the wrong length or with any other character is
 * rejected as a whole (null), never half-read.
 */
import { DONT_KNOW, NOT_APPLICABLE, type Answers } from './scoring.ts';

export const SHARE_KEY = 'maturity';

interface ShareModel {
  version: number;
  questions: readonly { id: string; options: readonly { id: string }[] }[];
}

export function encodeAnswers(model: ShareModel, answers: Answers): string {
  const chars = model.questions.map((q) => {
    const a = answers[q.id];
    if (a === DONT_KNOW) return 'u';
    if (a === NOT_APPLICABLE) return 'n';
    const i = q.options.findIndex((o) => o.id === a);
    return i >= 0 && i < 10 ? String(i) : '-';
  });
  return `${SHARE_KEY}=${model.version}.${chars.join('').replace(/-+$/, '')}`;
}

/** The answers in a fragment (with or without the leading #), or null if it holds none we can trust. */
export function decodeAnswers(model: ShareModel, fragment: string): Answers | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const value = params.get(SHARE_KEY);
  if (value === null) return null;
  const m = /^(\d{1,6})\.([0-9un-]*)$/.exec(value);
  if (!m || Number(m[1]) !== model.version || m[2].length > model.questions.length) return null;
  const answers: Answers = {};
  for (let i = 0; i < m[2].length; i++) {
    const c = m[2][i];
    const q = model.questions[i];
    if (c === '-') continue;
    if (c === 'u') answers[q.id] = DONT_KNOW;
    else if (c === 'n') answers[q.id] = NOT_APPLICABLE;
    else {
      const option = q.options[Number(c)];
      if (!option) return null;
      answers[q.id] = option.id;
    }
  }
  return answers;
}

/** True when the fragment carries a share parameter at all (valid or not). */
export function hasSharedAnswers(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has(SHARE_KEY);
}

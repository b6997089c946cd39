/**
 * A colleague's answers (from a share link) beside the reader's own: which questions they answered
 * differently, and what importing theirs would replace. Pure; the page words it.
 */
import type { Answer, Answers, ScoringModel } from './scoring.ts';

export interface Difference {
  id: string;
  /** Undefined: not answered. */
  mine?: Answer;
  theirs?: Answer;
}

export interface Comparison {
  /** Questions each has answered. */
  mine: number;
  theirs: number;
  /** Questions answered differently (including answered by one only), in the model's order. */
  differences: Difference[];
  /** Of the reader's answers, how many importing theirs would lose (changed or removed). */
  lost: number;
}

export function compareAnswers(model: Pick<ScoringModel, 'questions'>, mine: Answers, theirs: Answers): Comparison {
  const differences: Difference[] = [];
  let lost = 0;
  for (const q of model.questions) {
    const a = mine[q.id];
    const b = theirs[q.id];
    if (a === b) continue;
    differences.push({ id: q.id, ...(a === undefined ? {} : { mine: a }), ...(b === undefined ? {} : { theirs: b }) });
    if (a !== undefined) lost++;
  }
  const count = (x: Answers) => model.questions.filter((q) => x[q.id] !== undefined).length;
  return { mine: count(mine), theirs: count(theirs), differences, lost };
}

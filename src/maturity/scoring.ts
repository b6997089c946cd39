/**
 * Scoring of the self-assessment: pure functions of a model and a team's answers, with no DOM.
 *
 * The rules (the page explains them in the same words):
 * - An answer is an option of the question's scale (each has a value from 0 to 1), "don't know" or
 *   "not applicable". A question is *met* when its answer has value 1.
 * - Dimension score (0–10) = 10 × Σ(weight × value) / Σ weight over the questions answered with an
 *   option. "Don't know" and unanswered questions are left out of the score and counted separately;
 *   "not applicable" removes the question from everything. With nothing answered the score is null.
 * - Overall score (0–10) = the mean of the dimension scores, weighted by each dimension's weight (all
 *   1 in the model today), over the dimensions that have a score. So a dimension with more questions
 *   does not count for more.
 * - Stage (gating): stage k is reached when every essential question of stages 1…k is met; "don't
 *   know" and unanswered essentials are not met. Stage 0 (the baseline) is always reached. The same
 *   rule, restricted to one dimension's questions, gives that dimension's stage. Not-applicable
 *   essentials do not gate.
 * - Recommendations: every question answered below "met" or with "don't know". First the essentials
 *   that keep the team from the next stage; then the rest, lowest stage first. Within each group the
 *   weakest dimension comes first, then essentials before others, then the model's order.
 */

export const DONT_KNOW = 'dont-know';
export const NOT_APPLICABLE = 'not-applicable';

/** An option id of the question's scale, DONT_KNOW or NOT_APPLICABLE. Missing means unanswered. */
export type Answer = string;
export type Answers = Record<string, Answer>;

/** The part of the model scoring needs (a `PageModel` is one). */
export interface ScoringModel {
  stages: readonly unknown[];
  dimensions: readonly { id: string; weight: number }[];
  questions: readonly {
    id: string;
    dimension: string;
    stage: number;
    essential: boolean;
    weight: number;
    options: readonly { id: string; value: number }[];
  }[];
}

export type QuestionState = 'met' | 'weak' | 'dont-know' | 'not-applicable' | 'unanswered';

export interface Counts {
  total: number;
  answered: number;
  dontKnow: number;
  notApplicable: number;
  unanswered: number;
}

export interface DimensionResult extends Counts {
  id: string;
  /** 0–10, one decimal, or null when no question of the dimension is answered with an option. */
  score: number | null;
  stage: number;
  /** Essential questions of stage + 1 in this dimension that are not met. */
  blockers: string[];
}

export interface Result extends Counts {
  overall: number | null;
  stage: number;
  /** Essential questions of the next stage (across dimensions) that are not met, with their state. */
  blockers: { id: string; state: QuestionState }[];
  dimensions: DimensionResult[];
  /** The state of every question, by id. */
  states: Record<string, QuestionState>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The value (0–1) of an answer, or null for don't know, not applicable, unanswered or an unknown option. */
export function answerValue(q: ScoringModel['questions'][number], answer: Answer | undefined): number | null {
  if (answer === undefined) return null;
  const o = q.options.find((opt) => opt.id === answer);
  return o ? o.value : null;
}

export function questionState(q: ScoringModel['questions'][number], answer: Answer | undefined): QuestionState {
  if (answer === NOT_APPLICABLE) return 'not-applicable';
  if (answer === DONT_KNOW) return 'dont-know';
  const v = answerValue(q, answer);
  if (v === null) return 'unanswered';
  return v >= 1 ? 'met' : 'weak';
}

function count(states: QuestionState[]): Counts {
  return {
    total: states.length,
    answered: states.filter((s) => s === 'met' || s === 'weak').length,
    dontKnow: states.filter((s) => s === 'dont-know').length,
    notApplicable: states.filter((s) => s === 'not-applicable').length,
    unanswered: states.filter((s) => s === 'unanswered').length,
  };
}

/** The highest stage whose essential questions, and those of every lower stage, are all met. */
function gatedStage(model: ScoringModel, questions: ScoringModel['questions'], states: Record<string, QuestionState>): number {
  let stage = 0;
  for (let k = 1; k < model.stages.length; k++) {
    const gate = questions.filter((q) => q.stage === k && q.essential && states[q.id] !== 'not-applicable');
    if (gate.some((q) => states[q.id] !== 'met')) break;
    stage = k;
  }
  return stage;
}

function blockersOf(questions: ScoringModel['questions'], states: Record<string, QuestionState>, stage: number) {
  return questions.filter((q) => q.stage === stage && q.essential && states[q.id] !== 'not-applicable' && states[q.id] !== 'met');
}

export function score(model: ScoringModel, answers: Answers): Result {
  const states: Record<string, QuestionState> = {};
  for (const q of model.questions) states[q.id] = questionState(q, answers[q.id]);

  const dimensions: DimensionResult[] = model.dimensions.map((d) => {
    const qs = model.questions.filter((q) => q.dimension === d.id);
    let points = 0;
    let weights = 0;
    for (const q of qs) {
      const v = states[q.id] === 'met' || states[q.id] === 'weak' ? answerValue(q, answers[q.id]) : null;
      if (v === null) continue;
      points += q.weight * v;
      weights += q.weight;
    }
    const stage = gatedStage(model, qs, states);
    return {
      id: d.id,
      score: weights > 0 ? round1((10 * points) / weights) : null,
      stage,
      blockers: blockersOf(qs, states, stage + 1).map((q) => q.id),
      ...count(qs.map((q) => states[q.id])),
    };
  });

  let sum = 0;
  let weights = 0;
  dimensions.forEach((d, i) => {
    if (d.score === null) return;
    sum += model.dimensions[i].weight * d.score;
    weights += model.dimensions[i].weight;
  });
  const stage = gatedStage(model, model.questions, states);
  return {
    overall: weights > 0 ? round1(sum / weights) : null,
    stage,
    blockers: blockersOf(model.questions, states, stage + 1).map((q) => ({ id: q.id, state: states[q.id] })),
    dimensions,
    states,
    ...count(model.questions.map((q) => states[q.id])),
  };
}

export interface Recommendation {
  id: string;
  /** Keeps the team from its next stage. */
  blocksNextStage: boolean;
  state: 'weak' | 'dont-know';
}

/** What to work on next, most useful first (see the rules at the top of this file). */
export function recommendations(model: ScoringModel, result: Result): Recommendation[] {
  const next = result.stage + 1;
  const dimScore = new Map(result.dimensions.map((d) => [d.id, d.score ?? -1]));
  const order = new Map(model.questions.map((q, i) => [q.id, i]));
  return model.questions
    .filter((q) => result.states[q.id] === 'weak' || result.states[q.id] === 'dont-know')
    .map((q) => ({ q, blocks: q.essential && q.stage === next }))
    .sort(
      (a, b) =>
        Number(b.blocks) - Number(a.blocks) ||
        (a.blocks ? 0 : a.q.stage - b.q.stage) ||
        dimScore.get(a.q.dimension)! - dimScore.get(b.q.dimension)! ||
        Number(b.q.essential) - Number(a.q.essential) ||
        order.get(a.q.id)! - order.get(b.q.id)!,
    )
    .map(({ q, blocks }) => ({ id: q.id, blocksNextStage: blocks, state: result.states[q.id] as 'weak' | 'dont-know' }));
}

/** Only the answers that are valid for the model (known question, known option, DK or NA). */
export function cleanAnswers(model: ScoringModel, raw: unknown): { answers: Answers; ignored: number } {
  const answers: Answers = {};
  let ignored = 0;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { answers, ignored };
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const q = model.questions.find((x) => x.id === id);
    if (q && typeof value === 'string' && (value === DONT_KNOW || value === NOT_APPLICABLE || q.options.some((o) => o.id === value))) {
      answers[id] = value;
    } else {
      ignored++;
    }
  }
  return { answers, ignored };
}

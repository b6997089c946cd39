/**
 * Grading, pure: no DOM, no storage. A predict-the-trace question is graded against the probe's
 * result on the parsed trace (src/quiz/probes.ts), passed in by the caller.
 */
import type { ProbeValue } from './probes.ts';
import type { PredictOptionSpec, QuestionSpec } from './view.ts';

/** What the reader answered: chosen option indices, or a number. */
export type Response = { choices: number[] } | { number: number };

/** A choice question is right when exactly the correct options, and no others, are chosen. */
export function gradeChoices(correct: readonly number[], chosen: readonly number[]): boolean {
  const want = new Set(correct);
  const got = new Set(chosen);
  return want.size === got.size && [...want].every((i) => got.has(i));
}

/** A number is right within the tolerance (both finite). */
export function gradeNumber(truth: number, answer: number, tolerance = 0): boolean {
  return Number.isFinite(truth) && Number.isFinite(answer) && Math.abs(answer - truth) <= tolerance + 1e-9;
}

/** Whether a predict-the-trace option describes the probe's result. */
export function optionMatches(option: PredictOptionSpec, value: ProbeValue): boolean {
  if (option.value !== undefined) return option.value === value;
  if (typeof value !== 'number') return false;
  return (option.min === undefined || value >= option.min) && (option.max === undefined || value <= option.max);
}

/** The options of a predict-the-trace choice that the probe's result makes correct. */
export function correctPredictOptions(options: readonly PredictOptionSpec[], value: ProbeValue): number[] {
  return options.flatMap((o, i) => (optionMatches(o, value) ? [i] : []));
}

/**
 * Grades one answer. `probeValue` is required for predict-the-trace questions. A checklist is not
 * graded (the reader confirms it), and an answer of the wrong shape is simply wrong.
 */
export function grade(q: QuestionSpec, response: Response, probeValue?: ProbeValue): boolean {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return 'choices' in response && gradeChoices(q.correct, response.choices);
    case 'checklist':
      return false;
    case 'predict-trace':
      if (probeValue === undefined) throw new Error(`question "${q.id}" needs the probe's result`);
      if (q.kind === 'number') return 'number' in response && typeof probeValue === 'number' && gradeNumber(probeValue, response.number, q.tolerance);
      return 'choices' in response && gradeChoices(correctPredictOptions(q.options, probeValue), response.choices);
  }
}

/** How many checklist items are confirmed (ids not in the list are ignored). */
export function checklistStatus(items: readonly string[], checked: readonly string[]): { done: number; total: number } {
  const set = new Set(checked);
  return { done: items.filter((id) => set.has(id)).length, total: items.length };
}

/** Grading (src/quiz/grade.ts): choices, checklists, and predict-the-trace answers with tolerance and ranges. */
import { describe, expect, it } from 'vitest';
import { checklistStatus, correctPredictOptions, grade, gradeChoices, gradeNumber } from '../../src/quiz/grade.ts';
import type { QuestionSpec } from '../../src/quiz/view.ts';

describe('grading', () => {
  it('single: the one correct option, nothing else', () => {
    const q: QuestionSpec = { type: 'single', id: 's', correct: [1] };
    expect(grade(q, { choices: [1] })).toBe(true);
    expect(grade(q, { choices: [0] })).toBe(false);
    expect(grade(q, { choices: [] })).toBe(false);
    expect(grade(q, { number: 1 })).toBe(false);
  });

  it('multiple: exactly the correct set, in any order', () => {
    const q: QuestionSpec = { type: 'multiple', id: 'm', correct: [0, 2] };
    expect(grade(q, { choices: [2, 0] })).toBe(true);
    expect(grade(q, { choices: [0] })).toBe(false);
    expect(grade(q, { choices: [0, 1, 2] })).toBe(false);
    expect(gradeChoices([0, 2], [0, 0, 2])).toBe(true);
  });

  it('checklist: confirmed by the reader, never graded', () => {
    const q: QuestionSpec = { type: 'checklist', id: 'c', items: ['a', 'b', 'c'] };
    expect(grade(q, { choices: [0] })).toBe(false);
    expect(checklistStatus(q.items, ['a', 'c', 'stale'])).toEqual({ done: 2, total: 3 });
    expect(checklistStatus(q.items, [])).toEqual({ done: 0, total: 3 });
  });

  it('predict-trace number: against the probe result, within the tolerance', () => {
    const exact: QuestionSpec = { type: 'predict-trace', id: 'p', trace: 't.trace', probe: 'gcCount', kind: 'number', tolerance: 0 };
    expect(grade(exact, { number: 5 }, 5)).toBe(true);
    expect(grade(exact, { number: 4 }, 5)).toBe(false);
    const loose: QuestionSpec = { ...exact, tolerance: 2 };
    expect(grade(loose, { number: 3 }, 5)).toBe(true);
    expect(grade(loose, { number: 7 }, 5)).toBe(true);
    expect(grade(loose, { number: 7.5 }, 5)).toBe(false);
    expect(gradeNumber(0.3, 0.1 + 0.2, 0)).toBe(true);
    expect(gradeNumber(5, NaN, 10)).toBe(false);
    expect(() => grade(exact, { number: 5 })).toThrow(/needs the probe's result/);
  });

  it('predict-trace choice: the correct option is computed from the probe result', () => {
    const options = [{ value: 1 }, { min: 2, max: 10 }, { min: 11 }];
    const q: QuestionSpec = { type: 'predict-trace', id: 'p', trace: 't.trace', probe: 'stwCount', kind: 'choice', options };
    expect(correctPredictOptions(options, 13)).toEqual([2]);
    expect(correctPredictOptions(options, 1)).toEqual([0]);
    expect(correctPredictOptions(options, 10)).toEqual([1]);
    expect(grade(q, { choices: [2] }, 13)).toBe(true);
    expect(grade(q, { choices: [1] }, 13)).toBe(false);
    expect(grade(q, { choices: [1] }, 4)).toBe(true);
    const yesNo: QuestionSpec = { ...q, probe: 'traceComplete', options: [{ value: true }, { value: false }] };
    expect(grade(yesNo, { choices: [1] }, false)).toBe(true);
    expect(grade(yesNo, { choices: [0] }, false)).toBe(false);
    // A range never matches a non-number.
    expect(correctPredictOptions([{ min: 0 }], 'chan send')).toEqual([]);
  });
});

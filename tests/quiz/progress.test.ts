/**
 * Stored progress (src/quiz/progress.ts): whatever is in localStorage is validated on read; garbage,
 * foreign shapes and older versions of a quiz are never trusted, never a crash, and never lost: they
 * are set aside untouched for the reader.
 */
import { describe, expect, it } from 'vitest';
import {
  checklistCompletion,
  emptyQuiz,
  parseStored,
  quizProgress,
  readQuiz,
  resetProgress,
  storageKey,
  writeQuiz,
  type QuizIndex,
} from '../../src/quiz/progress.ts';
import { MemoryStore } from './helpers.ts';

const LESSON = 'principles/how-the-tracer-works';
const totals = { questions: 3, checklist: 2 };

function record() {
  const r = emptyQuiz(LESSON, 'abc123', totals);
  r.answers['q1'] = { ok: true, choices: [1] };
  r.answers['p1'] = { ok: false, number: 4, value: 5 };
  r.checklist = ['a'];
  return r;
}

const index: QuizIndex = {
  chapters: [
    {
      id: 'principles',
      label: '1',
      lessons: [
        { slug: LESSON, title: '1.1', hash: 'abc123', questions: ['q1', 'p1', 'q3'], checklist: ['a', 'b'] },
        { slug: 'principles/capturing-and-opening', title: '1.2', hash: 'def456', questions: ['x'], checklist: ['c'] },
      ],
    },
  ],
};

describe('stored progress', () => {
  it('round-trips a record', () => {
    const store = new MemoryStore();
    expect(writeQuiz(record(), store)).toBe(true);
    const back = readQuiz(LESSON, 'abc123', totals, store);
    expect(back.record.answers).toEqual(record().answers);
    expect(back.record.checklist).toEqual(['a']);
    expect(back.kept).toEqual([]);
  });

  it('never trusts garbage and foreign shapes, and sets them aside untouched', () => {
    const garbage = [
      '{',
      'null',
      '[]',
      '42',
      '"text"',
      'undefined',
      '{"v":2,"lesson":"principles/how-the-tracer-works","hash":"abc123","answers":{},"checklist":[],"totals":{"questions":1,"checklist":1}}',
      JSON.stringify({ ...record(), answers: { q1: { ok: 'yes' } } }),
      JSON.stringify({ ...record(), answers: { q1: { ok: true, choices: ['1'] } } }),
      JSON.stringify({ ...record(), answers: { q1: { ok: true, number: 'NaN' } } }),
      JSON.stringify({ ...record(), checklist: 'a' }),
      JSON.stringify({ ...record(), totals: { questions: -1, checklist: 0 } }),
      JSON.stringify({ ...record(), answers: [] }),
      JSON.stringify({ score: 3, answers: [1, 2] }),
      'x'.repeat(100_000),
    ];
    for (const raw of garbage) {
      expect(parseStored(raw), raw.slice(0, 80)).toBeNull();
      const store = new MemoryStore();
      store.setItem(storageKey(LESSON), raw);
      const r = readQuiz(LESSON, 'abc123', totals, store);
      expect(r.record.answers).toEqual({});
      expect(r.record.checklist).toEqual([]);
      expect(r.kept.map((k) => k.text), 'the unusable value is kept for the reader').toEqual([raw]);
      expect(r.writable).toBe(true);
    }
  });

  it('starts afresh when the quiz was edited (old hash) or the key holds another lesson, keeping the old text', () => {
    const store = new MemoryStore();
    writeQuiz(record(), store);
    const r = readQuiz(LESSON, 'new-hash', totals, store);
    expect(r.record.hash).toBe('new-hash');
    expect(r.record.answers).toEqual({});
    expect(r.kept.map((k) => JSON.parse(k.text).hash)).toEqual(['abc123']);

    const other = JSON.stringify({ ...record(), lesson: 'init/late-start' });
    store.setItem(storageKey(LESSON), other);
    const o = readQuiz(LESSON, 'abc123', totals, store);
    expect(o.record.answers).toEqual({});
    expect(o.kept.at(-1)!.text).toBe(other);
  });

  it('survives a storage that throws or is missing', () => {
    const broken = {
      length: 1,
      key: () => {
        throw new Error('denied');
      },
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readQuiz(LESSON, 'abc123', totals, broken).record.answers).toEqual({});
    expect(writeQuiz(record(), broken)).toBe(false);
    expect(quizProgress(index, broken).overall.answered).toBe(0);
    expect(resetProgress(broken)).toBe(0);
    expect(readQuiz(LESSON, 'abc123', totals, null).record.answers).toEqual({});
  });

  it('counts progress per lesson, chapter and overall against the index', () => {
    const store = new MemoryStore();
    writeQuiz(record(), store);
    const stale = emptyQuiz('principles/capturing-and-opening', 'old', { questions: 1, checklist: 1 });
    stale.answers['x'] = { ok: true, choices: [0] };
    stale.checklist = ['c'];
    writeQuiz(stale, store);
    const p = quizProgress(index, store);
    expect(p.lessons[LESSON]).toEqual({ questions: 3, answered: 2, correct: 1, checklistItems: 2, checklistDone: 1, checklists: 1, checklistsDone: 0 });
    // The stale record (another hash) does not count.
    expect(p.lessons['principles/capturing-and-opening']).toMatchObject({ questions: 1, answered: 0, correct: 0, checklistDone: 0 });
    expect(p.chapters['principles']).toMatchObject({ questions: 4, answered: 2, correct: 1, checklistItems: 3, checklistDone: 1, checklists: 2 });
    expect(p.overall).toEqual(p.chapters['principles']);
    expect(checklistCompletion(index, store)).toEqual({
      [LESSON]: { done: 1, total: 2 },
      'principles/capturing-and-opening': { done: 0, total: 1 },
    });
  });

  it('counts from the stored records alone when no index is given', () => {
    const store = new MemoryStore();
    const r = record();
    r.checklist = ['a', 'b'];
    writeQuiz(r, store);
    store.setItem('other-site:quiz', '{"x":1}');
    expect(checklistCompletion(undefined, store)).toEqual({ [LESSON]: { done: 2, total: 2 } });
    const p = quizProgress(undefined, store);
    expect(p.chapters['principles']).toMatchObject({ questions: 3, answered: 2, correct: 1, checklistsDone: 1 });
  });

  it('reset removes this guide’s quizzes only', () => {
    const store = new MemoryStore();
    writeQuiz(record(), store);
    store.setItem('starlight-theme', 'dark');
    expect(resetProgress(store)).toBe(1);
    expect([...store.map.keys()]).toEqual(['starlight-theme']);
  });
});

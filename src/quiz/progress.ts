/**
 * The reader's quiz progress, kept in this browser's localStorage only (nothing is sent anywhere).
 *
 * One key per quiz, `go-trace-field-guide:quiz:<lesson slug>`, holding a StoredQuiz: the quiz's content
 * hash, the answers by question id, and the confirmed checklist items. Everything read back is
 * validated: a value that is not JSON, has another shape (another site's key, an older format) or
 * belongs to another version of the quiz (its hash differs) is never trusted, and never lost either:
 * readQuiz sets it aside untouched (src/storage/saved.ts) for the quiz to offer for download.
 *
 *   readQuiz / writeQuiz        one quiz, for the quiz on a lesson page
 *   checklistCompletion()       per lesson: checklist items confirmed / total (the maturity page uses it)
 *   quizProgress()              per lesson, per chapter and overall: answered, correct, checklists
 *   resetProgress()             forget everything
 *
 * The whole-guide functions take an optional QuizIndex (every quiz of the build, with its hash and
 * totals: Quiz.astro and QuizProgress.astro render it into the page). With it, quizzes never opened
 * count too and stale answers are ignored; without it, the stored records are all there is.
 */

import { browserStore, load, type KeptCopy, type KeyValueStore } from '../storage/saved.ts';

export const STORAGE_PREFIX = 'go-trace-field-guide:quiz:';
export const STORAGE_VERSION = 1;
/** A stored value larger than this is not ours. */
const MAX_STORED_CHARS = 64 * 1024;

export interface StoredAnswer {
  /** Chosen option indices (choice and predict-choice questions). */
  choices?: number[];
  /** The number answered (predict-number questions). */
  number?: number;
  ok: boolean;
  /** The reader asked to see the answer. */
  shown?: boolean;
  /** Predict-the-trace: the probe's result it was graded against (shown again after a reload). */
  value?: number | boolean | string;
}

export interface StoredQuiz {
  v: typeof STORAGE_VERSION;
  /** Lesson slug (the quiz id). */
  lesson: string;
  hash: string;
  answers: Record<string, StoredAnswer>;
  /** Confirmed checklist item ids. */
  checklist: string[];
  /** Totals of this version of the quiz, so progress can be shown without the quiz at hand. */
  totals: { questions: number; checklist: number };
}

export interface QuizIndexLesson {
  slug: string;
  title: string;
  hash: string;
  questions: string[];
  checklist: string[];
}

export interface QuizIndex {
  chapters: { id: string; label: string; lessons: QuizIndexLesson[] }[];
}

export interface Counts {
  questions: number;
  answered: number;
  correct: number;
  checklistItems: number;
  checklistDone: number;
  /** Checklists with every item confirmed, of checklists. */
  checklists: number;
  checklistsDone: number;
}

export interface Progress {
  lessons: Record<string, Counts>;
  chapters: Record<string, Counts>;
  overall: Counts;
}

// ---------------------------------------------------------------------------------------------------
// Storage access: localStorage may be missing or throw (disabled storage, privacy modes, quota).

export type { KeyValueStore };

export const storageKey = (lesson: string) => STORAGE_PREFIX + lesson;

// ---------------------------------------------------------------------------------------------------
// Validation.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

function validAnswer(v: unknown): StoredAnswer | null {
  if (!isObject(v) || typeof v.ok !== 'boolean') return null;
  const out: StoredAnswer = { ok: v.ok };
  if (v.choices !== undefined) {
    if (!Array.isArray(v.choices) || v.choices.length > 100 || !v.choices.every(isCount)) return null;
    out.choices = [...v.choices];
  }
  if (v.number !== undefined) {
    if (typeof v.number !== 'number' || !Number.isFinite(v.number)) return null;
    out.number = v.number;
  }
  if (v.shown !== undefined) {
    if (typeof v.shown !== 'boolean') return null;
    out.shown = v.shown;
  }
  if (v.value !== undefined) {
    const ok = typeof v.value === 'boolean' || (typeof v.value === 'number' && Number.isFinite(v.value)) || (typeof v.value === 'string' && v.value.length <= 500);
    if (!ok) return null;
    out.value = v.value as StoredAnswer['value'];
  }
  return out;
}

/** A stored value, validated: null unless it is a StoredQuiz of this format in every field. */
export function parseStored(raw: string | null | undefined): StoredQuiz | null {
  if (typeof raw !== 'string' || raw.length > MAX_STORED_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(v) || v.v !== STORAGE_VERSION || !isId(v.lesson) || !isId(v.hash)) return null;
  if (!isObject(v.answers) || !Array.isArray(v.checklist) || !v.checklist.every(isId)) return null;
  if (!isObject(v.totals) || !isCount(v.totals.questions) || !isCount(v.totals.checklist)) return null;
  const answers: Record<string, StoredAnswer> = Object.create(null);
  for (const [id, a] of Object.entries(v.answers)) {
    const answer = validAnswer(a);
    if (!isId(id) || !answer) return null;
    answers[id] = answer;
  }
  return {
    v: STORAGE_VERSION,
    lesson: v.lesson,
    hash: v.hash,
    answers,
    checklist: [...new Set(v.checklist as string[])],
    totals: { questions: v.totals.questions, checklist: v.totals.checklist },
  };
}

export function emptyQuiz(lesson: string, hash: string, totals: StoredQuiz['totals']): StoredQuiz {
  return { v: STORAGE_VERSION, lesson, hash, answers: Object.create(null), checklist: [], totals: { ...totals } };
}

// ---------------------------------------------------------------------------------------------------
// One quiz.

export interface LoadedQuiz {
  record: StoredQuiz;
  /** Texts of this key set aside because the quiz could not use them (offered for download). */
  kept: KeptCopy[];
  /** False while such a text still sits under the key (no room to copy it): then nothing is written. */
  writable: boolean;
}

/**
 * The stored progress of one version of a quiz. Anything unusable under its key (garbage, another
 * shape, another lesson, an older version of the quiz) is set aside untouched and a fresh record
 * returned, with the kept texts for the quiz to offer.
 */
export function readQuiz(lesson: string, hash: string, totals: StoredQuiz['totals'], store = browserStore()): LoadedQuiz {
  const loaded = load(
    storageKey(lesson),
    (text) => {
      const stored = parseStored(text);
      return stored && stored.lesson === lesson && stored.hash === hash ? { value: stored } : { value: null, problem: 'unreadable' };
    },
    store,
  );
  const record = loaded.value ?? emptyQuiz(lesson, hash, totals);
  record.totals = { ...totals };
  return { record, kept: loaded.kept, writable: loaded.writable };
}

/** Saves one quiz's progress; false when the browser would not store it. */
export function writeQuiz(record: StoredQuiz, store = browserStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(storageKey(record.lesson), JSON.stringify(record));
  } catch {
    return false;
  }
  globalThis.dispatchEvent?.(new CustomEvent('quiz:progress', { detail: { lesson: record.lesson } }));
  return true;
}

// ---------------------------------------------------------------------------------------------------
// The whole guide.

/** Every valid stored quiz, by lesson. */
export function storedQuizzes(store = browserStore()): Map<string, StoredQuiz> {
  const out = new Map<string, StoredQuiz>();
  if (!store) return out;
  try {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(STORAGE_PREFIX)) continue;
      const stored = parseStored(store.getItem(key));
      if (stored && storageKey(stored.lesson) === key) out.set(stored.lesson, stored);
    }
  } catch {
    // Storage went away while reading: what was read stands.
  }
  return out;
}

const zero = (): Counts => ({ questions: 0, answered: 0, correct: 0, checklistItems: 0, checklistDone: 0, checklists: 0, checklistsDone: 0 });

function add(into: Counts, c: Counts) {
  for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += c[k];
}

/** One lesson's counts: from its index entry when there is one, else from the record's own totals. */
function lessonCounts(stored: StoredQuiz | undefined, lesson?: QuizIndexLesson): Counts {
  const c = zero();
  const usable = stored && (!lesson || stored.hash === lesson.hash) ? stored : undefined;
  const questions = lesson ? lesson.questions : usable ? Object.keys(usable.answers) : [];
  c.questions = lesson ? lesson.questions.length : usable?.totals.questions ?? 0;
  for (const id of questions) {
    const a = usable?.answers[id];
    if (!a) continue;
    if (a.ok || a.shown || a.choices !== undefined || a.number !== undefined) c.answered++;
    if (a.ok) c.correct++;
  }
  const items = lesson ? lesson.checklist : usable?.checklist ?? [];
  c.checklistItems = lesson ? lesson.checklist.length : usable?.totals.checklist ?? 0;
  const checked = new Set(usable?.checklist ?? []);
  c.checklistDone = Math.min(items.filter((id) => checked.has(id)).length, c.checklistItems);
  if (c.checklistItems > 0) {
    c.checklists = 1;
    c.checklistsDone = c.checklistDone === c.checklistItems ? 1 : 0;
  }
  return c;
}

/** Quiz answers and checklists per lesson, per chapter (the slug's first segment) and overall. */
export function quizProgress(index?: QuizIndex, store = browserStore()): Progress {
  const stored = storedQuizzes(store);
  const out: Progress = { lessons: {}, chapters: {}, overall: zero() };
  const addLesson = (chapter: string, slug: string, c: Counts) => {
    out.lessons[slug] = c;
    add((out.chapters[chapter] ??= zero()), c);
    add(out.overall, c);
  };
  if (index) {
    for (const chapter of index.chapters) {
      out.chapters[chapter.id] ??= zero();
      for (const lesson of chapter.lessons) addLesson(chapter.id, lesson.slug, lessonCounts(stored.get(lesson.slug), lesson));
    }
  } else {
    for (const [slug, s] of stored) addLesson(slug.split('/')[0], slug, lessonCounts(s));
  }
  return out;
}

/** Per lesson slug: checklist items the reader confirmed, of all its items. */
export function checklistCompletion(index?: QuizIndex, store = browserStore()): Record<string, { done: number; total: number }> {
  const out: Record<string, { done: number; total: number }> = {};
  for (const [slug, c] of Object.entries(quizProgress(index, store).lessons)) {
    if (c.checklistItems > 0) out[slug] = { done: c.checklistDone, total: c.checklistItems };
  }
  return out;
}

/** Forgets every stored quiz of this guide (and only those). */
export function resetProgress(store = browserStore()): number {
  if (!store) return 0;
  const keys: string[] = [];
  try {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // Whatever could not be removed stays; nothing else to do.
  }
  globalThis.dispatchEvent?.(new CustomEvent('quiz:progress', { detail: { reset: true } }));
  return keys.length;
}

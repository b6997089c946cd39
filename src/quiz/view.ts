/**
 * A quiz in one language: what Quiz.astro renders (QuizView) and what the page's script needs to
 * grade it (QuizSpec, no prose). Built at build time from a validated quiz file (schema.ts).
 */
import { quizHash } from './hash.ts';
import type { Lang, Quiz } from './schema.ts';

export interface OptionView { text: string; explain: string; correct: boolean }

export type QuestionView =
  | { type: 'single' | 'multiple'; id: string; prompt: string; options: OptionView[] }
  | { type: 'checklist'; id: string; prompt: string; items: { id: string; text: string; anchor: string }[] }
  | { type: 'predict-trace'; id: string; prompt: string; trace: string; kind: 'number'; explain: string }
  | { type: 'predict-trace'; id: string; prompt: string; trace: string; kind: 'choice'; options: { text: string; explain: string }[] };

/** Grading data for the page's script: which options are correct, or how to compute it. */
export type QuestionSpec =
  | { type: 'single' | 'multiple'; id: string; correct: number[] }
  | { type: 'checklist'; id: string; items: string[] }
  | { type: 'predict-trace'; id: string; trace: string; probe: string; kind: 'number'; tolerance: number }
  | { type: 'predict-trace'; id: string; trace: string; probe: string; kind: 'choice'; options: PredictOptionSpec[] };

export interface PredictOptionSpec { value?: number | boolean | string; min?: number; max?: number }

export interface QuizSpec {
  /** The lesson slug, also the quiz id. */
  id: string;
  hash: string;
  questions: QuestionSpec[];
}

export interface QuizView {
  id: string;
  hash: string;
  questions: QuestionView[];
  spec: QuizSpec;
}

export function localise(id: string, quiz: Quiz, lang: Lang): QuizView {
  const hash = quizHash(quiz);
  const questions: QuestionView[] = [];
  const specs: QuestionSpec[] = [];
  for (const q of quiz.questions) {
    const prompt = q.prompt[lang];
    switch (q.type) {
      case 'single':
      case 'multiple':
        questions.push({ type: q.type, id: q.id, prompt, options: q.options.map((o) => ({ text: o.text[lang], explain: o.explain[lang], correct: o.correct })) });
        specs.push({ type: q.type, id: q.id, correct: q.options.flatMap((o, i) => (o.correct ? [i] : [])) });
        break;
      case 'checklist':
        questions.push({ type: 'checklist', id: q.id, prompt, items: q.items.map((it) => ({ id: it.id, text: it.text[lang], anchor: it.anchor[lang] })) });
        specs.push({ type: 'checklist', id: q.id, items: q.items.map((it) => it.id) });
        break;
      case 'predict-trace':
        if (q.answer.kind === 'number') {
          questions.push({ type: 'predict-trace', id: q.id, prompt, trace: q.trace, kind: 'number', explain: q.answer.explain[lang] });
          specs.push({ type: 'predict-trace', id: q.id, trace: q.trace, probe: q.probe, kind: 'number', tolerance: q.answer.tolerance });
        } else {
          questions.push({ type: 'predict-trace', id: q.id, prompt, trace: q.trace, kind: 'choice', options: q.answer.options.map((o) => ({ text: o.text[lang], explain: o.explain[lang] })) });
          specs.push({ type: 'predict-trace', id: q.id, trace: q.trace, probe: q.probe, kind: 'choice', options: q.answer.options.map(({ value, min, max }) => ({ value, min, max })) });
        }
        break;
    }
  }
  return { id, hash, questions, spec: { id, hash, questions: specs } };
}

/** Totals for progress: graded questions (everything but the checklist) and checklist items. */
export function quizTotals(quiz: Quiz): { questions: string[]; checklist: string[] } {
  return {
    questions: quiz.questions.filter((q) => q.type !== 'checklist').map((q) => q.id),
    checklist: quiz.questions.flatMap((q) => (q.type === 'checklist' ? q.items.map((it) => it.id) : [])),
  };
}

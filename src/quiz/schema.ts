/**
 * The shape of a lesson's quiz file (content/docs/<lesson>.quiz.yaml), validated when the site builds.
 *
 * One file per lesson holds both languages: every text the reader sees is `{ en, zh-CN }`, and what is
 * correct (the `correct` flags, the probe, the tolerance) exists once, so the two languages cannot
 * disagree. A broken file fails the build with the file and the field named (Astro prints the zod path,
 * e.g. `questions.1.options: a single question needs exactly one correct option`).
 *
 * Question types:
 *   single         one correct option (radio buttons)
 *   multiple       one or more correct options (checkboxes)
 *   checklist      the lesson's "before you ship" list: things the reader confirms about their own
 *                  code, each linked to the heading of the lesson that explains it (`anchor`, per language)
 *   predict-trace  a question about a recorded trace (playground/traces/<trace>); the answer is computed
 *                  in the browser by a probe (src/quiz/probes.ts) over the parsed trace, never written here
 */
import { z } from 'astro/zod';
import { probeNames } from './probes.ts';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

const text = z.string().trim().min(1, 'must not be empty');
/** A text the reader sees, in both languages. */
export const localText = z.strictObject({ en: text, 'zh-CN': text });
export type LocalText = z.infer<typeof localText>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

const option = z.strictObject({
  text: localText,
  correct: z.boolean().default(false),
  /** Why this option is right or wrong, shown after answering. */
  explain: localText,
});

const single = z.strictObject({
  type: z.literal('single'),
  id,
  prompt: localText,
  options: z.array(option).min(2, 'needs at least two options'),
});

const multiple = z.strictObject({
  type: z.literal('multiple'),
  id,
  prompt: localText,
  options: z.array(option).min(2, 'needs at least two options'),
});

/** A heading id of the lesson page (without '#'), per language: headings are translated, so are their ids. */
const anchor = z.strictObject({
  en: z.string().regex(/^[^#\s]+$/, 'a heading id without "#"'),
  'zh-CN': z.string().regex(/^[^#\s]+$/, 'a heading id without "#"'),
});

const checklist = z.strictObject({
  type: z.literal('checklist'),
  id,
  prompt: localText,
  items: z
    .array(z.strictObject({ id, text: localText, anchor }))
    .min(1, 'needs at least one item'),
});

const scalar = z.union([z.number(), z.boolean(), z.string()]);

const predictOption = z
  .strictObject({
    text: localText,
    /** Correct when the probe's result equals `value`, or lies in [min, max] (numbers). */
    value: scalar.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    explain: localText,
  })
  .superRefine((o, ctx) => {
    const range = o.min !== undefined || o.max !== undefined;
    if ((o.value !== undefined) === range) {
      ctx.addIssue({ code: 'custom', message: 'give either `value` or `min`/`max`', path: ['value'] });
    }
  });

const predictAnswer = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('number'),
    /** Accepted distance from the probe's result. */
    tolerance: z.number().min(0).default(0),
    /** Shown after answering; `{answer}` is replaced by the probe's result. */
    explain: localText,
  }),
  z.strictObject({
    kind: z.literal('choice'),
    options: z.array(predictOption).min(2, 'needs at least two options'),
  }),
]);

const predictTrace = z.strictObject({
  type: z.literal('predict-trace'),
  id,
  prompt: localText,
  /** File name in playground/traces/, served at <base>traces/<trace>. */
  trace: z.string().regex(/^[\w.-]+\.trace$/, 'a file name in playground/traces, ending in .trace'),
  probe: z.enum(probeNames as [string, ...string[]]),
  answer: predictAnswer,
});

export const question = z.discriminatedUnion('type', [single, multiple, checklist, predictTrace]);

export interface QuizSchemaOptions {
  /** Checks that a predict-trace question's trace exists (the build passes a file check). */
  traceExists?: (name: string) => boolean;
}

export function quizSchema(opts: QuizSchemaOptions = {}) {
  return z
    .strictObject({
      questions: z.array(question).min(1, 'a quiz needs at least one question'),
    })
    .superRefine((quiz, ctx) => {
      const seen = new Set<string>();
      let checklists = 0;
      quiz.questions.forEach((q, i) => {
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate question id "${q.id}"`, path: ['questions', i, 'id'] });
        seen.add(q.id);
        if (q.type === 'single' && q.options.filter((o) => o.correct).length !== 1) {
          ctx.addIssue({ code: 'custom', message: 'a single question needs exactly one correct option', path: ['questions', i, 'options'] });
        }
        if (q.type === 'multiple' && !q.options.some((o) => o.correct)) {
          ctx.addIssue({ code: 'custom', message: 'a multiple question needs at least one correct option', path: ['questions', i, 'options'] });
        }
        if (q.type === 'checklist') {
          checklists++;
          const items = new Set<string>();
          q.items.forEach((item, j) => {
            if (items.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate item id "${item.id}"`, path: ['questions', i, 'items', j, 'id'] });
            items.add(item.id);
          });
        }
        if (q.type === 'predict-trace' && opts.traceExists && !opts.traceExists(q.trace)) {
          ctx.addIssue({ code: 'custom', message: `no recorded trace playground/traces/${q.trace}`, path: ['questions', i, 'trace'] });
        }
      });
      if (checklists > 1) ctx.addIssue({ code: 'custom', message: 'a quiz has at most one checklist', path: ['questions'] });
    });
}

export type Quiz = z.infer<ReturnType<typeof quizSchema>>;
export type Question = Quiz['questions'][number];
export type ChoiceQuestion = Extract<Question, { type: 'single' | 'multiple' }>;
export type ChecklistQuestion = Extract<Question, { type: 'checklist' }>;
export type PredictQuestion = Extract<Question, { type: 'predict-trace' }>;

/** The zod issues of a broken quiz as lines "questions.1.options: message", for tests and tools. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

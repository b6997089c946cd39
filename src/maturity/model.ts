/**
 * The maturity model (content/maturity/model.yaml): its schema, and the form the page uses.
 *
 * The YAML holds both languages (every text is `{ en, zh-CN }`). `maturityModelSchema` validates it,
 * including the references between its parts (a question's dimension, stage and scale must exist,
 * ids are unique, lessons are slugs of content/outline.json), so a broken model fails the build with
 * the field named. `localiseModel` turns it into one language's `PageModel`, which is what the page,
 * the scoring (src/maturity/scoring.ts) and the exports read: stages by index, options resolved.
 */
import { z } from 'astro/zod';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

const text = z.object({ en: z.string().trim().min(1), 'zh-CN': z.string().trim().min(1) }).strict();
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

const option = z
  .object({ id, value: z.number().min(0).max(1), label: text })
  .strict();

const scale = z
  .object({
    id,
    options: z.array(option).min(2).max(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.options.some((o) => o.value === 1)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'one option must have value 1 (the answer that meets the question)' });
    }
    duplicates(s.options.map((o) => o.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: `duplicate option id "${s.options[i].id}"` }));
  });

const stage = z.object({ id, name: text, summary: text, source: text.optional() }).strict();

const dimension = z
  .object({ id, name: text, summary: text, weight: z.number().positive().max(10).default(1) })
  .strict();

const question = z
  .object({
    id,
    dimension: id,
    stage: id,
    essential: z.boolean(),
    scale: id,
    weight: z.number().positive().max(10).default(1),
    /** The lesson that teaches it: a slug of content/outline.json. */
    lesson: z.string().min(1),
    /** A lesson whose "before you ship" checklist, once finished, supports a yes. */
    checklist: z.string().min(1).optional(),
    text,
    help: text.optional(),
    recommendation: text,
  })
  .strict();

function duplicates(ids: string[]): number[] {
  const seen = new Set<string>();
  return ids.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}

export interface SchemaOptions {
  /** Lesson slugs that exist (content/outline.json); when given, `lesson` and `checklist` must be one. */
  lessons?: readonly string[];
}

export function maturityModelSchema(options: SchemaOptions = {}) {
  return z
    .object({
      version: z.number().int().positive(),
      answers: z.object({ dontKnow: text, notApplicable: text }).strict(),
      scales: z.array(scale).min(1),
      stages: z.array(stage).min(2).max(8),
      dimensions: z.array(dimension).min(1).max(12),
      questions: z.array(question).min(1).max(60),
    })
    .strict()
    .superRefine((m, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      for (const [name, list] of [['scales', m.scales], ['stages', m.stages], ['dimensions', m.dimensions], ['questions', m.questions]] as const) {
        duplicates(list.map((x) => x.id)).forEach((i) => issue([name, i, 'id'], `duplicate id "${list[i].id}"`));
      }
      const stageIds = m.stages.map((s) => s.id);
      const dimensionIds = new Set(m.dimensions.map((d) => d.id));
      const scaleIds = new Set(m.scales.map((s) => s.id));
      const lessons = options.lessons ? new Set(options.lessons) : null;
      m.questions.forEach((q, i) => {
        if (!dimensionIds.has(q.dimension)) issue(['questions', i, 'dimension'], `unknown dimension "${q.dimension}" (known: ${[...dimensionIds].join(', ')})`);
        const s = stageIds.indexOf(q.stage);
        if (s < 0) issue(['questions', i, 'stage'], `unknown stage "${q.stage}" (known: ${stageIds.slice(1).join(', ')})`);
        else if (s === 0) issue(['questions', i, 'stage'], `the first stage ("${q.stage}") is the baseline and has no questions`);
        if (!scaleIds.has(q.scale)) issue(['questions', i, 'scale'], `unknown scale "${q.scale}"`);
        if (lessons && !lessons.has(q.lesson)) issue(['questions', i, 'lesson'], `"${q.lesson}" is not a lesson in content/outline.json`);
        if (lessons && q.checklist && !lessons.has(q.checklist)) issue(['questions', i, 'checklist'], `"${q.checklist}" is not a lesson in content/outline.json`);
      });
    });
}

export type MaturityModel = z.output<ReturnType<typeof maturityModelSchema>>;

/** A failed validation as one message naming the file and every field at fault. */
export function describeModelErrors(file: string, error: z.ZodError): string {
  return [
    `${file} does not match the maturity model schema (src/maturity/model.ts):`,
    ...error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`),
  ].join('\n');
}

// ── The page's form of the model ────────────────────────────────────────────────────────────────

/** How a question points at its lesson: a link when the lesson is published, else its number. */
export interface LessonRef {
  slug: string;
  /** "1.2" for numbered chapters, '' for unnumbered pages (tools). */
  number: string;
  /** The lesson's title when published, else ''. */
  title: string;
  /** Root-relative href when published, else null (shown as "coming soon"). */
  href: string | null;
}

export interface PageOption {
  id: string;
  value: number;
  label: string;
}

export interface PageQuestion {
  id: string;
  dimension: string;
  /** Index into `stages` (1 or more; 0 is the baseline). */
  stage: number;
  essential: boolean;
  weight: number;
  options: PageOption[];
  text: string;
  help: string;
  recommendation: string;
  lesson: LessonRef;
  checklist: LessonRef | null;
}

export interface PageModel {
  version: number;
  lang: Lang;
  dontKnow: string;
  notApplicable: string;
  stages: { id: string; name: string; summary: string; source: string }[];
  dimensions: { id: string; name: string; summary: string; weight: number }[];
  questions: PageQuestion[];
}

export function localiseModel(model: MaturityModel, lang: Lang, lesson: (slug: string) => LessonRef): PageModel {
  const scales = new Map(model.scales.map((s) => [s.id, s]));
  const stageIndex = new Map(model.stages.map((s, i) => [s.id, i]));
  return {
    version: model.version,
    lang,
    dontKnow: model.answers.dontKnow[lang],
    notApplicable: model.answers.notApplicable[lang],
    stages: model.stages.map((s) => ({ id: s.id, name: s.name[lang], summary: s.summary[lang], source: s.source?.[lang] ?? '' })),
    dimensions: model.dimensions.map((d) => ({ id: d.id, name: d.name[lang], summary: d.summary[lang], weight: d.weight })),
    questions: model.questions.map((q) => ({
      id: q.id,
      dimension: q.dimension,
      stage: stageIndex.get(q.stage)!,
      essential: q.essential,
      weight: q.weight,
      options: scales.get(q.scale)!.options.map((o) => ({ id: o.id, value: o.value, label: o.label[lang] })),
      text: q.text[lang],
      help: q.help?.[lang] ?? '',
      recommendation: q.recommendation[lang],
      lesson: lesson(q.lesson),
      checklist: q.checklist ? lesson(q.checklist) : null,
    })),
  };
}

/** The section number of a lesson ("2.3"), or '' when its chapter is not numbered. */
export function lessonNumber(outline: { chapters: { lessons: string[]; numbered?: boolean }[] }, slug: string): string {
  const c = outline.chapters.findIndex((ch) => ch.lessons.includes(slug));
  if (c < 0 || outline.chapters[c].numbered === false) return '';
  return `${c + 1}.${outline.chapters[c].lessons.indexOf(slug) + 1}`;
}

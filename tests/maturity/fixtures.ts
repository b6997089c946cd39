/** The real model, loaded as the build loads it, and a small hand-made model for exact arithmetic. */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { localiseModel, maturityModelSchema, type LessonRef, type PageModel } from '../../src/maturity/model.ts';
import { readOutline } from '../../src/site/outline.ts';

export const root = new URL('../../', import.meta.url);
export const outline = readOutline(root);
export const lessonSlugs = outline.chapters.flatMap((c) => c.lessons);
export const modelText = readFileSync(new URL('content/maturity/model.yaml', root), 'utf8');
export const rawModel = () => yaml.load(modelText) as Record<string, unknown>;
export const model = maturityModelSchema({ lessons: lessonSlugs }).parse(rawModel());

const ref = (slug: string): LessonRef => ({ slug, number: '', title: slug, href: `/${slug}/` });
export const pageModel: PageModel = localiseModel(model, 'en', ref);

const yesNo = [
  { id: 'no', value: 0, label: 'No' },
  { id: 'partly', value: 0.5, label: 'Partly' },
  { id: 'yes', value: 1, label: 'Yes' },
];
const q = (id: string, dimension: string, stage: number, essential: boolean) => ({
  id, dimension, stage, essential, weight: 1, options: yesNo, text: id, help: '', recommendation: `do ${id}`, lesson: ref('principles/how-the-tracer-works'), checklist: null,
});

/** Two dimensions (a, b) × stages 1–2; a1/b1/a2/b2 essential, ax (a, stage 1) and by (b, stage 2) not. */
export const tiny: PageModel = {
  version: 3,
  lang: 'en',
  dontKnow: "Don't know",
  notApplicable: 'N/A',
  stages: ['zero', 'one', 'two'].map((id) => ({ id, name: id, summary: id, source: '' })),
  dimensions: [
    { id: 'a', name: 'A', summary: 'A', weight: 1 },
    { id: 'b', name: 'B', summary: 'B', weight: 1 },
  ],
  questions: [q('a1', 'a', 1, true), q('ax', 'a', 1, false), q('a2', 'a', 2, true), q('b1', 'b', 1, true), q('b2', 'b', 2, true), q('by', 'b', 2, false)],
};

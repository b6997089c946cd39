import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { exerciseTextSchema } from './exercise-grader/exercise-text.ts';
import { maturityModelLoader } from './maturity/loader.ts';
import { maturityModelSchema } from './maturity/model.ts';
import { existsSync } from 'node:fs';
import { quizSchema } from './quiz/schema.ts';

// Lessons live in the top-level content/ folder (README, "Where things live"), so Starlight's fixed
// docsLoader (src/content/docs) is replaced by a glob over content/docs with Starlight's own schema.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
  // Lesson quizzes: content/docs/<lesson>.quiz.yaml, both languages in one file (src/quiz/schema.ts).
  // The entry id is the lesson slug (e.g. principles/how-the-tracer-works).
  quizzes: defineCollection({
    loader: glob({
      base: './content/docs',
      pattern: ['**/*.quiz.yaml', '!zh-cn/**'],
      generateId: ({ entry }) => entry.replace(/\.quiz\.yaml$/, ''),
    }),
    schema: quizSchema({ traceExists: (name) => existsSync(`./playground/traces/${name}`) }),
  }),
  // The site's UI strings come from content/i18n through a Starlight plugin (src/site/ui-strings.ts);
  // Starlight still asks for this collection, so it exists, empty.
  i18n: defineCollection({ loader: () => [], schema: i18nSchema() }),
  // The tracing maturity model (content/maturity/model.yaml), one entry `model`, for lesson 5.2.
  maturity: defineCollection({ loader: maturityModelLoader('content/maturity/model.yaml'), schema: maturityModelSchema() }),
  // The words of the playground's exercises (title, summary, task, hints) in both languages; their code
  // lives in playground/exercises/<id>/ (src/exercise-grader/README.md).
  exercises: defineCollection({
    loader: glob({ base: './content/exercises', pattern: '*.yaml' }),
    schema: exerciseTextSchema,
  }),
};

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// Lessons live in the top-level content/ folder (README, "Where things live"), so Starlight's fixed
// docsLoader (src/content/docs) is replaced by a glob over content/docs with Starlight's own schema.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
  // The site's UI strings come from content/i18n through a Starlight plugin (src/site/ui-strings.ts);
  // Starlight still asks for this collection, so it exists, empty.
  i18n: defineCollection({ loader: () => [], schema: i18nSchema() }),
};

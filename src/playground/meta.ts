/**
 * playground/exercises/<id>/meta.json: which recorded traces an exercise's checks read, the lesson it
 * practises, its time limit and the Go scenario a reader can run beside it. Validated wherever it is
 * read (the pages at build time, the tests), so a bad field fails with the file named.
 */
import { z } from 'astro/zod';

export const exerciseMetaSchema = z
  .object({
    /** Lesson slug (content/docs/<lesson>.mdx) the exercise practises. */
    lesson: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
    /** Files of playground/traces the checks read. */
    traces: z.array(z.string().regex(/^[A-Za-z0-9._-]+\.trace$/)).min(1),
    /** A run of the reader's code is stopped after this long. */
    timeLimitMs: z.number().int().min(500).max(60_000),
    scenario: z.object({ name: z.string().regex(/^[a-z0-9-]+$/), variants: z.array(z.string()).min(1) }).optional(),
  })
  .strict();

export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;

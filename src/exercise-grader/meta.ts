/**
 * playground/exercises/<id>/meta.json, validated wherever it is read (the pages at build time, the
 * tests), so a bad field fails with the file named. Two kinds of exercise:
 *
 * - TypeScript (the default, "language" absent or "typescript"): the reader writes a function against
 *   the guide's reader and analysis, graded on recorded traces: which traces the checks read, the
 *   lesson it practises, its time limit and the Go scenario shown beside it.
 * - Go ("language": "go"): the reader downloads a Go program, fixes it on their own machine and drops
 *   the trace it writes on the page, which grades it (playground/exercises/<id>/grade.ts): the
 *   program (a scenario's broken/<file>, offered as a command; fixed/<file> is the solution), the
 *   targets the fixed program must reach, and recorded traces the grader is tested on.
 */
import { z } from 'astro/zod';

const lesson = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/);
const traces = z.array(z.string().regex(/^[A-Za-z0-9._-]+\.trace$/)).min(1);
const scenario = z.object({ name: z.string().regex(/^[a-z0-9-]+$/), variants: z.array(z.string()).min(1) });

export const typeScriptExerciseSchema = z
  .object({
    language: z.literal('typescript').optional(),
    /** Lesson slug (content/docs/<lesson>.mdx) the exercise practises. */
    lesson,
    /** Files of playground/traces the checks read. */
    traces,
    /** A run of the reader's code is stopped after this long. */
    timeLimitMs: z.number().int().min(500).max(60_000),
    scenario: scenario.optional(),
  })
  .strict();

export const goExerciseSchema = z
  .object({
    language: z.literal('go'),
    lesson,
    /** playground/go/scenarios/<scenario>/broken/<file> is the download; fixed/<file> its solution. */
    program: z.object({ scenario: z.string().regex(/^[a-z0-9-]+$/), file: z.string().regex(/^[a-z0-9_]+\.go$/) }).strict(),
    /** What the reader's trace must show (grade.ts). */
    targets: z
      .object({ requestP99Ms: z.number().positive(), mutexWaitMs: z.number().positive(), minRequests: z.number().int().positive() })
      .strict(),
    /** Recorded traces of the broken and the fixed program (the grader's tests; offered to try the grader). */
    traces,
    scenario: scenario.optional(),
  })
  .strict();

export const exerciseMetaSchema = z.union([typeScriptExerciseSchema, goExerciseSchema]);

export type TypeScriptExerciseMeta = z.infer<typeof typeScriptExerciseSchema>;
export type GoExerciseMeta = z.infer<typeof goExerciseSchema>;
export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;

export const isGoExercise = (meta: ExerciseMeta): meta is GoExerciseMeta => meta.language === 'go';

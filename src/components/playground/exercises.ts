/**
 * The exercises at build time: their code, validated meta.json, and their text (the `exercises`
 * content collection). Used by Playground.astro, GoExercise.astro, the list and the pages.
 *
 * A TypeScript exercise's code is playground/exercises/<id>/starter.ts and solution.ts; a Go
 * exercise's is its program, playground/go/scenarios/<scenario>/broken/<file> (the download) and
 * fixed/<file> (the solution), both offered as commands (src/casestudy/download.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asCommand } from '../../casestudy/download.ts';
import { exerciseMetaSchema, isGoExercise, type ExerciseMeta } from '../../exercise-grader/meta.ts';

const DIR = join(process.cwd(), 'playground/exercises');
const SCENARIOS = join(process.cwd(), 'playground/go/scenarios');

export interface ExerciseFiles {
  id: string;
  meta: ExerciseMeta;
  starter: string;
  solution: string;
}

export function exerciseIds(): string[] {
  return readdirSync(DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function exerciseFiles(id: string): ExerciseFiles {
  const read = (f: string) => readFileSync(join(DIR, id, f), 'utf8');
  const parsed = exerciseMetaSchema.safeParse(JSON.parse(read('meta.json')));
  if (!parsed.success) throw new Error(`playground/exercises/${id}/meta.json: ${parsed.error.message}`);
  const meta = parsed.data;
  if (isGoExercise(meta)) {
    const program = (variant: string) => asCommand(readFileSync(join(SCENARIOS, meta.program.scenario, variant, meta.program.file), 'utf8'));
    return { id, meta, starter: program('broken'), solution: program('fixed') };
  }
  return { id, meta, starter: read('starter.ts'), solution: read('solution.ts') };
}

/** Every Go exercise's download: file name (as served under <base>downloads/) and text. */
export function goDownloads(): { file: string; text: string }[] {
  return exerciseIds().flatMap((id) => {
    const files = exerciseFiles(id);
    return isGoExercise(files.meta) ? [{ file: files.meta.program.file, text: files.starter }] : [];
  });
}

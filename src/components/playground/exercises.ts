/**
 * The exercises at build time: their code (playground/exercises/<id>/), validated meta.json, and
 * their text (the `exercises` content collection). Used by Playground.astro and the pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exerciseMetaSchema, type ExerciseMeta } from '../../playground/meta.ts';

const DIR = join(process.cwd(), 'playground/exercises');

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
  return { id, meta: parsed.data, starter: read('starter.ts'), solution: read('solution.ts') };
}

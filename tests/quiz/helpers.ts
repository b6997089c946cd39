// Shared by the quiz tests: the quiz files as the build loads them, and a Map-backed localStorage.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { KeyValueStore } from '../../src/quiz/progress.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const docs = join(root, 'content/docs');
export const traces = join(root, 'playground/traces');

/** Every quiz file (English tree only, as the collection's glob), by lesson slug, parsed but not validated. */
export function quizFiles(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const e of readdirSync(docs, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.quiz.yaml')) continue;
    const rel = relative(docs, join(e.parentPath, e.name));
    if (rel.startsWith('zh-cn/')) continue;
    out.set(rel.replace(/\.quiz\.yaml$/, ''), yaml.load(readFileSync(join(docs, rel), 'utf8')));
  }
  return out;
}

export class MemoryStore implements KeyValueStore {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

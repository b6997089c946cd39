// The lessons' OpenTelemetry code is compiled from copies in playground/otel/lesson-snippets. A copy
// names the lesson it comes from and sits between two marker lines:
//
//   // --- verbatim from content/docs/spans/context-propagation.mdx ---
//   func (s *Service) LoadUser(...) { ... }
//   // --- end of the lesson's code ---
//
// The opening marker may say which kind of block it copies: "go block (...)" (the default) or
// "diff block (its new side)", for a lesson that shows its fix as a diff. This module finds the
// copies and the lessons' fenced blocks, so a test can hold each copy to its lesson's text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Block { lang: string; attrs: string; text: string }

export interface LessonCopy {
  /** The copy's file, relative to the repository. */
  file: string;
  /** 1-based line of the opening marker. */
  line: number;
  /** The lesson, relative to content/docs, without .mdx (export/default-sampling). */
  lesson: string;
  /** The kind of block copied: go, or diff (compared by its new side). */
  lang: 'go' | 'diff';
  /** The code between the markers, dedented. */
  text: string;
}

/** Fenced code blocks of a Markdown/MDX text, with their language and the rest of the fence line. */
export function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^(`{3,})(\w*)([^\n]*)\n([\s\S]*?)^\1\s*$/gm)]
    .map((m) => ({ lang: m[2], attrs: m[3], text: m[4] }));
}

/** Lines without the indentation common to all non-blank lines, and without blank ends. */
export function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[\t ]*/.exec(l)![0]);
  const common = indents.reduce((a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return a.slice(0, i); }, indents[0] ?? '');
  return lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trim())).map((l) => l.replace(/\s+$/, '')).join('\n');
}

/** The new side of a unified diff block: its context and added lines. */
export function newSide(diff: string): string {
  return diff.split('\n').filter((l) => !l.startsWith('-')).map((l) => l.slice(1)).join('\n');
}

/** The text of a block as a copy must hold it. */
export const comparable = (b: Block): string => dedent(b.lang === 'diff' ? newSide(b.text) : b.text);

const OPEN = /^[\t ]*\/\/ --- verbatim from content\/docs\/(\S+?)\.mdx(?:, (go|diff) block)?[^\n]*---$/;
const CLOSE = /^[\t ]*\/\/ --- end of the lesson's code ---$/;

/** Every marked copy in the .go files under dir (relative to root). A marker left open is an error. */
export function lessonCopies(root: string, dir: string): LessonCopy[] {
  const copies: LessonCopy[] = [];
  const files = (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).sort();
  for (const f of files) {
    const file = path.join(dir, f);
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = OPEN.exec(lines[i]);
      if (!open) continue;
      const end = lines.findIndex((l, j) => j > i && CLOSE.test(l));
      if (end < 0) throw new Error(`${file}:${i + 1}: "verbatim from" marker with no "end of the lesson's code" after it`);
      copies.push({ file, line: i + 1, lesson: open[1], lang: (open[2] ?? 'go') as 'go' | 'diff', text: dedent(lines.slice(i + 1, end).join('\n')) });
      i = end;
    }
  }
  return copies;
}

/** A lesson's MDX text, English or Chinese. */
export const lessonText = (root: string, lesson: string, zh: boolean): string =>
  readFileSync(path.join(root, 'content/docs', zh ? 'zh-cn' : '', `${lesson}.mdx`), 'utf8');

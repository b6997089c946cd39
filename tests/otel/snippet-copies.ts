// The lessons' OpenTelemetry code is compiled from copies in playground/otel/lesson-snippets. A copy
// names the lesson it comes from and sits between two marker lines:
//
//   // --- verbatim from content/docs/spans/context-propagation.mdx ---
//   func (s *Service) LoadUser(...) { ... }
//   // --- end of the lesson's code ---
//
// (anything after the path on the first marker, such as an old "go block 2", is ignored). This
// module finds the copies and the lessons' ```go blocks, so a test can require every copy to be,
// byte for byte after removing its common indentation, one of its lesson's Go blocks in both
// languages: a lesson's code cannot change without its compiled copy.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SnippetCopy {
  /** The copy's file, relative to the lesson-snippets directory. */
  file: string;
  /** 1-based line of the opening marker. */
  line: number;
  /** The English lesson, relative to the repository (content/docs/....mdx). */
  lesson: string;
  /** The code between the markers, dedented, without leading or trailing blank lines. */
  code: string;
}

const OPEN = /\/\/ --- verbatim from (content\/docs\/\S+?\.mdx)\b/;
const CLOSE = /\/\/ --- end of the lesson's code ---/;

/** Removes the indentation (tabs) every non-blank line shares, and blank lines at both ends. */
function tidy(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => /^\t*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const out = lines.map((l) => (l.trim() ? l.slice(cut) : ''));
  while (out.length && !out[0]) out.shift();
  while (out.length && !out.at(-1)) out.pop();
  return out.join('\n');
}

/** Every marked copy in the .go files under dir. A marker left open is an error. */
export function snippetCopies(dir: string): SnippetCopy[] {
  const copies: SnippetCopy[] = [];
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).sort();
  for (const file of files) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = OPEN.exec(lines[i]);
      if (!open) continue;
      const end = lines.findIndex((l, j) => j > i && CLOSE.test(l));
      if (end < 0) throw new Error(`${file}:${i + 1}: "verbatim from" marker with no "end of the lesson's code" after it`);
      copies.push({ file, line: i + 1, lesson: open[1], code: tidy(lines.slice(i + 1, end)) });
      i = end;
    }
  }
  return copies;
}

/** The bodies of a Markdown text's ```go blocks (any fence attributes), without blank lines at the ends. */
export function goBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})go(?:\s.*)?$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(indent + fence)) end++;
    blocks.push(tidy(lines.slice(i + 1, end).map((l) => l.slice(indent.length))));
    i = end;
  }
  return blocks;
}

/** The Chinese lesson of an English one: content/docs/zh-cn/ at the same path. */
export const chineseLesson = (lesson: string): string => lesson.replace(/^content\/docs\//, 'content/docs/zh-cn/');

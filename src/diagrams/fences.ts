/**
 * The mermaid fences of the lessons, found with the same Markdown parser the build uses (remark, with
 * MDX syntax for .mdx), so the text hashed here is exactly the text src/plugins/remark-mermaid.ts sees.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Code, Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { diagramKey } from './drawing.ts';

export interface Fence {
  /** Path from the project root, e.g. content/docs/init/late-start.mdx. */
  file: string;
  line: number;
  source: string;
  key: string;
  lang: 'en' | 'zh-CN';
}

export function fencesIn(file: string, text: string): Omit<Fence, 'key' | 'lang'>[] {
  const processor = file.endsWith('.mdx') ? unified().use(remarkParse).use(remarkMdx) : unified().use(remarkParse);
  const tree = processor.parse(text) as Root;
  const out: Omit<Fence, 'key' | 'lang'>[] = [];
  visit(tree, 'code', (node: Code) => {
    if (node.lang === 'mermaid') out.push({ file, line: node.position?.start.line ?? 0, source: node.value });
  });
  return out;
}

export const langOf = (file: string): Fence['lang'] => (/(^|\/)content\/docs\/zh-cn\//.test(file.replace(/\\/g, '/')) ? 'zh-CN' : 'en');

/** Every mermaid fence under content/, in file order. */
export function allFences(root: URL): Fence[] {
  const base = fileURLToPath(root);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.mdx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(base, 'content'));
  return files.sort().flatMap((path) => {
    const file = relative(base, path).split('\\').join('/');
    return fencesIn(file, readFileSync(path, 'utf8')).map((f) => ({ ...f, key: diagramKey(f.source), lang: langOf(file) }));
  });
}

/**
 * A Chinese page never sends its reader to an English page: every root-relative link in
 * content/docs/zh-cn to a lesson, a tool page, an exercise or a scenario page carries the
 * /zh-cn/ prefix. The pages are parsed as MDX (remark-parse + remark-mdx), the way the build reads
 * them, so Markdown links, link definitions and `href` attributes of JSX elements are all seen, and
 * code (fences, inline code) is not mistaken for a link. Language-neutral files (/traces/NAME) and
 * links to other sites are allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { readOutline } from '../../src/site/outline.ts';

const root = new URL('../../', import.meta.url);
const zhDocs = 'content/docs/zh-cn';
const outline = readOutline(root);
/** First path segments of the pages that exist in both languages. */
const twinned = new Set([
  ...outline.chapters.flatMap((c) => c.lessons.map((slug) => slug.split('/')[0])),
  'playground',
  'scenarios',
]);

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every URL a page links to, with its line. */
function links(file: string): { url: string; line: number }[] {
  const tree = unified().use(remarkParse).use(remarkMdx).parse(readFileSync(file, 'utf8')) as Root;
  const out: { url: string; line: number }[] = [];
  visit(tree, (node) => {
    const n = node as { type: string; url?: string; attributes?: { name?: string; value?: unknown }[]; position?: { start: { line: number } } };
    const line = n.position?.start.line ?? 0;
    if ((n.type === 'link' || n.type === 'definition') && n.url) out.push({ url: n.url, line });
    if (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') {
      for (const a of n.attributes ?? []) {
        if (a.name === 'href' && typeof a.value === 'string') out.push({ url: a.value, line });
      }
    }
  });
  return out;
}

/** A root-relative link to a page that has a Chinese twin, without the /zh-cn/ prefix. */
function linksToEnglishPage(url: string): boolean {
  if (!url.startsWith('/') || url.startsWith('//')) return false;
  const first = url.replace(/[?#].*$/, '').split('/').filter(Boolean)[0];
  return first !== undefined && first !== 'zh-cn' && twinned.has(first);
}

describe('Chinese pages link to Chinese pages', () => {
  it('tells an English page link from the rest', () => {
    expect(linksToEnglishPage('/principles/how-the-tracer-works/')).toBe(true);
    expect(linksToEnglishPage('/tools/open-a-trace/#getting-a-trace')).toBe(true);
    expect(linksToEnglishPage('/playground/late-start-goroutines/')).toBe(true);
    expect(linksToEnglishPage('/zh-cn/principles/how-the-tracer-works/')).toBe(false);
    expect(linksToEnglishPage('/traces/anatomy-default.go1.27.trace')).toBe(false);
    expect(linksToEnglishPage('#修正')).toBe(false);
    expect(linksToEnglishPage('https://go.dev/doc/go1.27')).toBe(false);
  });

  it('finds the links of a page, and not the text of its code', () => {
    const found = links('content/docs/zh-cn/tools/open-a-trace.mdx').map((l) => l.url);
    expect(found).toContain('/zh-cn/principles/capturing-and-opening/');
  });

  const files = pages(zhDocs);
  it('there are Chinese pages to check', () => expect(files.length).toBeGreaterThan(20));

  for (const file of files) {
    it(relative(zhDocs, file), () => {
      const english = links(file).filter((l) => linksToEnglishPage(l.url)).map((l) => `line ${l.line}: ${l.url}`);
      expect(english, `${file} links to English pages; prefix them with /zh-cn`).toEqual([]);
    });
  }
});

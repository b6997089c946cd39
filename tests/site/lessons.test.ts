/**
 * Every published lesson is complete in both languages, numbered as the outline orders it, and listed in
 * the outline (a lesson file the outline does not name would be built but unreachable from the sidebar).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonFile, publishedLessons, readOutline } from '../../src/site/outline.ts';

const root = new URL('../../', import.meta.url);
const docs = fileURLToPath(new URL('content/docs/', root));
const outline = readOutline(root);
const published = publishedLessons(root, outline);

function frontmatter(url: URL): Record<string, string> {
  const text = readFileSync(url, 'utf8');
  const block = text.match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^(\w+):\s*(.*)$/gm)].map(([, k, v]) => [k, v.replace(/^['"]|['"]$/g, '')]),
  );
}

function lessonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\.mdx?$/, ''));
}

describe('lessons', () => {
  it('chapter 1 is published', () => {
    expect(published.filter((s) => s.startsWith('principles/')).length).toBeGreaterThanOrEqual(3);
  });

  for (const slug of published) {
    describe(slug, () => {
      it('has a Chinese translation at the matching path', () => {
        expect(lessonFile(root, slug, 'zh-cn'), `content/docs/zh-cn/${slug}.mdx is missing`).toBeDefined();
      });

      const numbered = outline.chapters.find((c) => c.lessons.includes(slug))?.numbered !== false;
      if (numbered) it('carries its section number in both titles', () => {
        const chapter = outline.chapters.findIndex((c) => c.lessons.includes(slug)) + 1;
        const index = outline.chapters[chapter - 1].lessons.indexOf(slug) + 1;
        const number = chapter === 5 ? `5.${index}` : `${chapter}.${index}`;
        for (const locale of ['', 'zh-cn']) {
          const fm = frontmatter(lessonFile(root, slug, locale)!);
          expect(fm.title.startsWith(number + ' '), `${locale || 'en'} title "${fm.title}"`).toBe(true);
          expect(fm.description?.length ?? 0).toBeGreaterThan(20);
        }
      });
    });
  }

  it('every lesson file is in the outline (or is a landing page)', () => {
    const known = new Set(outline.chapters.flatMap((c) => c.lessons));
    const stray = lessonFiles(docs)
      .map((f) => f.replace(/^zh-cn\//, ''))
      .filter((f) => f !== 'index' && !known.has(f));
    expect(stray).toEqual([]);
  });
});

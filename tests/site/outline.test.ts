import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonFile, publishedLessons, readOutline, sidebarFromOutline } from '../../src/site/outline.ts';

function fixture(files: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'outline-'));
  mkdirSync(join(dir, 'content'), { recursive: true });
  writeFileSync(
    join(dir, 'content/outline.json'),
    JSON.stringify({
      chapters: [
        { id: 'a', label: { en: '1 · A', 'zh-CN': '1 · 甲' }, lessons: ['a/one', 'a/two'] },
        { id: 'b', label: { en: '2 · B', 'zh-CN': '2 · 乙' }, lessons: ['b/three'] },
      ],
    }),
  );
  for (const f of files) {
    mkdirSync(join(dir, 'content/docs', f, '..'), { recursive: true });
    writeFileSync(join(dir, 'content/docs', f), '---\ntitle: x\n---\n');
  }
  return pathToFileURL(dir + '/');
}

describe('sidebar from the outline', () => {
  it('lists only written lessons, in outline order, and drops empty chapters', () => {
    const root = fixture(['a/two.mdx', 'a/one.md']);
    expect(sidebarFromOutline(root)).toEqual([
      { label: '1 · A', translations: { 'zh-CN': '1 · 甲' }, items: [{ slug: 'a/one' }, { slug: 'a/two' }] },
    ]);
    expect(publishedLessons(root)).toEqual(['a/one', 'a/two']);
  });

  it('shows a chapter as soon as one of its lessons is written', () => {
    const root = fixture(['b/three.mdx']);
    expect(sidebarFromOutline(root).map((g) => g.label)).toEqual(['2 · B']);
  });
});

describe("the project's own outline", () => {
  const root = new URL('../../', import.meta.url);
  const outline = readOutline(root);

  it('has the five chapters of the seed article, with twelve pitfall lessons numbered 2.1 to 4.4, then the case study as chapter 6', () => {
    const chapters = outline.chapters.filter((c) => c.numbered !== false);
    expect(chapters).toHaveLength(6);
    expect(chapters[5].id).toBe('casestudy');
    const counts = chapters.map((c) => c.lessons.length);
    expect(counts.slice(1, 4)).toEqual([5, 3, 4]);
    for (const c of chapters) expect(Object.keys(c.label).sort()).toEqual(['en', 'zh-CN']);
  });

  it('names every lesson once', () => {
    const all = outline.chapters.flatMap((c) => c.lessons);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('the home page tools', () => {
  it('are pages of the course outline, each written in both languages', () => {
    const root = new URL('../../', import.meta.url);
    const outline = readOutline(root);
    const inChapters = new Set(outline.chapters.flatMap((c) => c.lessons));
    expect(outline.tools?.length).toBeGreaterThanOrEqual(4);
    for (const slug of outline.tools ?? []) {
      expect(inChapters.has(slug), slug).toBe(true);
      expect(lessonFile(root, slug), slug).toBeDefined();
      expect(lessonFile(root, slug, 'zh-cn'), slug).toBeDefined();
    }
  });
});

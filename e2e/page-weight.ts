/**
 * The JavaScript a page fetches before anyone touches it, gzipped: shared by the page-weight budget
 * (page-weight.spec.ts) and `npm run bench:pages` (scripts/bench-pages.ts), so both count alike.
 *
 * Every script response of the browser context (module chunks and workers) and the page's inline
 * scripts are each gzipped with zlib at level 6, the figure bundlers report, after load, network idle
 * and an idle callback; diagrams count as drawn when an <svg> of theirs has a size.
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Response } from '@playwright/test';
import { publishedLessons, siteRoot } from '../src/site/outline.ts';

export const BUDGET_KB = 60;

export interface Weight {
  files: number;
  gzip: number;
  diagrams: number;
  drawn: number;
}

const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 6 }).length;

/** Lesson pages (both languages) by path under the base: every numbered chapter's lessons. */
export function isLesson(path: string): boolean {
  const lessons = new Set(publishedLessons(siteRoot).filter((slug) => !slug.startsWith('tools/')));
  return lessons.has(path.replace(/^zh-cn\//, '').replace(/\/$/, ''));
}

export async function weigh(context: BrowserContext, url: string): Promise<Weight> {
  const page = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  const onResponse = (response: Response) => {
    const type = response.headers()['content-type'] ?? '';
    const href = response.url();
    if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(href)) return;
    if (!scripts.has(href)) scripts.set(href, response.body().then(gz, () => 0));
  };
  context.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2000 })));
    await page.waitForLoadState('networkidle');
    const { inline, diagrams, drawn } = await page.evaluate(() => {
      const inline = [...document.querySelectorAll('script:not([src])')]
        .filter((s) => !/json|text\/plain/.test(s.getAttribute('type') ?? ''))
        .map((s) => s.textContent ?? '')
        .join('\n');
      // Build-time diagrams (figure.diagram) and, to measure older builds, runtime ones (pre.mermaid).
      const boxes = [...document.querySelectorAll('figure.diagram, pre.mermaid')];
      const drawn = boxes.filter((b) => [...b.querySelectorAll('svg')].some((svg) => svg.getBoundingClientRect().width > 0)).length;
      return { inline, diagrams: boxes.length, drawn };
    });
    const sizes = await Promise.all(scripts.values());
    return {
      files: scripts.size + (inline ? 1 : 0),
      gzip: sizes.reduce((a, b) => a + b, 0) + (inline ? gz(inline) : 0),
      diagrams,
      drawn,
    };
  } finally {
    context.off('response', onResponse);
    await page.close();
  }
}

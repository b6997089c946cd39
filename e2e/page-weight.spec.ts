/**
 * The page-weight budget (a size, not a time): every lesson, in both themes, loads under 60 KB of
 * JavaScript (gzipped) before interaction, with every diagram drawn. `npm run bench:pages` prints
 * the same figures for every page.
 */
import { expect, test } from '@playwright/test';
import { BUDGET_KB, isLesson, weigh } from './page-weight.ts';
import { publishedPages } from './site.ts';

test.use({ viewport: { width: 1280, height: 900 } });

for (const path of publishedPages().filter(isLesson)) {
  for (const theme of ['light', 'dark'] as const) {
    test(`/${path} (${theme}) loads under ${BUDGET_KB} KB of JavaScript, its diagrams drawn`, async ({ context, baseURL }) => {
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      const w = await weigh(context, `${baseURL}${path}`);
      expect(w.gzip / 1024).toBeLessThan(BUDGET_KB);
      expect(w.drawn).toBe(w.diagrams);
    });
  }
}

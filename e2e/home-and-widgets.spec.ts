/**
 * What a new reader meets: the home page maps the chapters and the tools in both languages, playground
 * pages name their lesson by its title, and links inside the guide's widgets take the site's colours.
 */
import { expect, test } from '@playwright/test';
import { publishedLessons, readOutline, siteRoot } from '../src/site/outline.ts';
import { watchPage } from './site.ts';

const outline = readOutline(siteRoot);
const published = new Set(publishedLessons(siteRoot, outline));

for (const [prefix, tools] of [['', 'Tools'], ['zh-cn/', '工具']] as const) {
  test(`the home page lists every chapter's lessons and the tools (${prefix || 'en'})`, async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(prefix);
    const map = page.locator('.course-map');
    for (const chapter of outline.chapters.filter((c) => c.numbered !== false)) {
      const lessons = chapter.lessons.filter((s) => published.has(s));
      await expect(map.locator(`[data-chapter="${chapter.id}"] li a`)).toHaveCount(lessons.length);
      for (const slug of lessons) await expect(map.locator(`.course-map__chapters a[href$="/docs/go-trace/${prefix}${slug}/"]`)).toHaveCount(1);
    }
    await expect(map.getByRole('heading', { name: tools })).toBeVisible();
    await expect(map.locator('.course-map__tools li')).toHaveCount(4);
    for (const slug of ['tools/playground', 'tools/open-a-trace', 'maturity/self-assessment', 'tools/progress']) {
      await expect(map.locator(`.course-map__tools li[data-tool="${slug}"] a`)).toHaveAttribute('href', `/docs/go-trace/${prefix}${slug}/`);
    }
    watch.expectClean();
  });
}

test('a playground page names its lesson by title, in the page language', async ({ page }) => {
  await page.goto('playground/block-rate-jump/');
  await expect(page.locator('.pg-lesson a')).toHaveText(/^5\.1 /);
  await expect(page.locator('.pg-lesson')).not.toContainText('maturity/path');
  await page.goto('zh-cn/playground/block-rate-jump/');
  await expect(page.locator('.pg-lesson a')).toHaveText(/^5\.1 从救火到工程化/);
  await page.goto('tools/playground/');
  await expect(page.locator('.exercise-list')).not.toContainText('maturity/path');
});

for (const theme of ['light', 'dark'] as const) {
  test(`links inside widgets use the site's accent colour (${theme})`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const accent = async () =>
      page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--sl-color-text-accent)';
        document.body.append(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      });
    for (const [path, selector] of [
      ['principles/version-history/', '.quiz a.quiz__why'],
      ['maturity/self-assessment/', '.maturity__lesson a'],
      ['playground/block-rate-jump/', '.pg-lesson a'],
    ]) {
      await page.goto(path);
      const link = page.locator(selector).first();
      await expect(link).toBeVisible();
      expect(await link.evaluate((a) => getComputedStyle(a).color), `${path} ${selector}`).toBe(await accent());
    }
  });
}

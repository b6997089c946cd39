import { expect, test } from '@playwright/test';
import { publishedPages, watchPage } from './site.ts';

const pages = publishedPages();

test('the build publishes the guide in both languages', () => {
  expect(pages).toContain('');
  expect(pages).toContain('zh-cn/');
  expect(pages).toContain('principles/how-the-tracer-works/');
  expect(pages).toContain('zh-cn/principles/how-the-tracer-works/');
});

for (const path of pages) {
  test(`/${path} loads with no errors and no outside requests`, async ({ page }) => {
    const watch = await watchPage(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(path === '404/' ? 404 : 200);
    await expect(page.locator('h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    watch.expectClean();
  });
}

import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

// Pagefind's index is built with the site and queried in the page: no server, no network.
const cases = [
  { path: 'principles/how-the-tracer-works/', query: 'generation', result: /principles\/how-the-tracer-works/ },
  { path: 'zh-cn/principles/how-the-tracer-works/', query: '跟踪器', result: /zh-cn\/principles\/how-the-tracer-works/ },
];

for (const { path, query, result } of cases) {
  test(`search finds "${query}" in chapter 1 (${path.startsWith('zh-cn') ? 'Chinese' : 'English'})`, async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(path);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = page.locator('dialog[open] input[type="search"], dialog[open] .pagefind-ui__search-input').first();
    await input.fill(query);
    const hit = page.locator('dialog[open] .pagefind-ui__result-link').first();
    await expect(hit).toBeVisible();
    await expect(hit).toHaveAttribute('href', result);
    watch.expectClean();
  });
}

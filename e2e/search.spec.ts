import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

// Pagefind's index is built with the site and queried in the page: no server, no network.
const cases = [
  { path: 'principles/how-the-tracer-works/', query: 'generation', result: /go-trace\/principles\/how-the-tracer-works\// },
  { path: 'zh-cn/principles/how-the-tracer-works/', query: '跟踪器', result: /zh-cn\/principles\/how-the-tracer-works/ },
];

for (const { path, query, result } of cases) {
  test(`search finds "${query}" in chapter 1 (${path.startsWith('zh-cn') ? 'Chinese' : 'English'})`, async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(path);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = page.locator('dialog[open] input[type="search"], dialog[open] .pagefind-ui__search-input').first();
    await input.fill(query);
    // The lesson is among the results (the playground pages and tools may rank above it).
    await expect(page.locator('dialog[open] .pagefind-ui__result-link').first()).toBeVisible();
    const hrefs = await page.locator('dialog[open] .pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.some((h) => result.test(h)), hrefs.join('\n')).toBe(true);
    watch.expectClean();
  });
}

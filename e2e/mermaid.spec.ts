import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

const DIAGRAM_PAGE = 'principles/how-the-tracer-works/';

test('a mermaid diagram renders as SVG and follows the theme', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(DIAGRAM_PAGE);
  await page.locator('starlight-theme-select select').first().selectOption('light');
  const diagram = page.locator('pre.mermaid').first();
  await expect(diagram.locator('svg')).toBeVisible();
  await expect(diagram).toHaveAttribute('data-rendered', 'default');
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(diagram).toHaveAttribute('data-rendered', 'dark');
  await expect(diagram.locator('svg')).toBeVisible();
  watch.expectClean();
});

test('a page without diagrams does not load mermaid', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('');
  await page.waitForLoadState('networkidle');
  expect(await page.locator('pre.mermaid').count()).toBe(0);
  expect(scripts.filter((u) => /mermaid/i.test(u))).toEqual([]);

  await page.goto(DIAGRAM_PAGE);
  await expect(page.locator('pre.mermaid svg').first()).toBeVisible();
  expect(scripts.some((u) => /mermaid/i.test(u))).toBe(true);
});

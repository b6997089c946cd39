/**
 * Diagrams are drawn ahead of time (npm run diagrams) and inlined: a lesson shows them on first paint
 * with no script, in the colours of the current theme, at a readable size on a phone and on a desktop
 * (a wide one scrolls inside its box), with their text available; no page loads mermaid or ELK.
 */
import { expect, test, type Page } from '@playwright/test';
import { publishedPages, watchPage } from './site.ts';

const WIDE = 'export/default-sampling/'; // a sequence diagram wider than a phone, and than a desktop column
const CHINESE = 'zh-cn/export/httptrace-race/';

/** The smallest text in the visible drawings of the page, in CSS px as drawn. */
async function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let min = Infinity;
    for (const svg of document.querySelectorAll<SVGSVGElement>('figure.diagram svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('text, foreignObject div, foreignObject span')) {
        if (!t.textContent?.trim()) continue;
        min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
    }
    return min;
  });
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test(`diagram text is 14 px or more, and a wide diagram scrolls in its box (${viewport.width} px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const watch = await watchPage(page);
    await page.goto(WIDE);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
    const view = page.locator('figure.diagram .diagram__view').nth(1);
    const { scrollWidth, clientWidth } = await view.evaluate((v) => ({ scrollWidth: v.scrollWidth, clientWidth: v.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    // It scrolls from the keyboard too.
    await view.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => view.evaluate((v) => v.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    watch.expectClean();
  });
}

test('a diagram follows the theme with no script, and keeps its text for everyone', async ({ page }) => {
  await page.goto(CHINESE);
  await page.locator('starlight-theme-select select').first().selectOption('light');
  const figure = page.locator('figure.diagram').first();
  await expect(figure.locator('svg.diagram__drawing--light')).toBeVisible();
  await expect(figure.locator('svg.diagram__drawing--dark')).toBeHidden();
  await expect(figure.locator('svg.diagram__drawing--light')).toContainText('你的代码');
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(figure.locator('svg.diagram__drawing--dark')).toBeVisible();
  await expect(figure.locator('svg.diagram__drawing--light')).toBeHidden();
  // The drawings are hidden from assistive technology; the diagram's text is one click away.
  await expect(figure.getByRole('region', { name: '示意图' })).toBeVisible();
  await figure.locator('summary').click();
  await expect(figure.locator('.diagram__source pre')).toContainText('sequenceDiagram');
});

test('a page shows its diagrams without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(WIDE);
  await expect(page.locator('figure.diagram svg:visible')).toHaveCount(2);
  await context.close();
});

test('no page loads mermaid or a layout engine, and every diagram is drawn', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  for (const path of publishedPages().filter((p) => /principles|init|export|spans|maturity\/path/.test(p))) {
    await page.goto(path);
    const undrawn = await page.evaluate(() => [...document.querySelectorAll('figure.diagram')].filter((f) => !f.querySelector('svg')).length);
    expect(undrawn, path).toBe(0);
  }
  expect(scripts.filter((u) => /mermaid|elk|cytoscape|dagre|katex/i.test(u))).toEqual([]);
});

/**
 * Phones: every page of the build at 390×844, in both themes, is no wider than the screen, and the
 * header's search, menu, language and theme controls can be reached on it.
 */
import { expect, test } from '@playwright/test';
import { publishedPages } from './site.ts';

const pages = publishedPages();

test.use({ viewport: { width: 390, height: 844 } });

for (const theme of ['light', 'dark'] as const) {
  for (const path of pages) {
    test(`/${path} fits 390 px (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const { scrollWidth, width, widest } = await page.evaluate(() => {
        // Name the outermost elements that stick out past the screen (not their children, and not
        // content inside a box that scrolls or clips), so a failure says where to look.
        const clipped = (el: Element) => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
          }
          return false;
        };
        const widest = [...document.querySelectorAll('body *')]
          .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > innerWidth + 0.5)
          .filter((el) => !clipped(el))
          .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} in ${el.parentElement?.closest('[class]')?.className ?? ''} → ${Math.round(el.getBoundingClientRect().right)}px`);
        return { scrollWidth: document.documentElement.scrollWidth, width: innerWidth, widest };
      });
      expect(scrollWidth, widest.join('\n')).toBeLessThanOrEqual(width);
    });
  }
}

/** True when the element is visible and wholly on the 390 px screen. */
async function onScreen(locator: import('@playwright/test').Locator) {
  if (!(await locator.isVisible())) return false;
  const box = await locator.boundingBox();
  return !!box && box.x >= 0 && box.x + box.width <= 390;
}

for (const path of pages) {
  test(`/${path}: search, menu, language and theme can be reached on a phone`, async ({ page }) => {
    await page.goto(path);
    expect(await onScreen(page.locator('site-search button[data-open-modal]').first()), 'search button').toBe(true);
    const menu = page.locator('button.sl-menu-button');
    expect(await onScreen(menu), 'menu button').toBe(true);
    await menu.click();
    await expect(page.locator('#starlight__sidebar starlight-lang-select select')).toBeVisible();
    await expect(page.locator('#starlight__sidebar starlight-theme-select select')).toBeVisible();
  });
}

import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

const LESSON = 'principles/how-the-tracer-works/';

test('the language switch keeps the reader on the same lesson', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(LESSON);
  await page.locator('starlight-lang-select select').first().selectOption({ label: '简体中文' });
  await expect(page).toHaveURL(new RegExp(`/zh-cn/${LESSON}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.waitForLoadState('load');
  await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
  await expect(page).toHaveURL(new RegExp(`/docs/go-trace/${LESSON}$`));
  watch.expectClean();
});

test('the sidebar lists chapter 1 in order, with section numbers, in both languages', async ({ page }) => {
  for (const [prefix, chapter] of [['', '1 · How'], ['zh-cn/', '1 · Go 执行跟踪器']]) {
    await page.goto(prefix + LESSON);
    const sidebar = page.locator('#starlight__sidebar');
    await expect(sidebar.getByText(chapter).first()).toBeVisible();
    const links = await sidebar.locator('a[href*="/principles/"]').allTextContents();
    const numbers = links.map((t) => t.trim().match(/^1\.(\d)/)?.[1]).filter(Boolean);
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    expect(numbers).toEqual([...numbers].sort());
  }
});

test('dark mode switches and persists across pages', async ({ page }) => {
  await page.goto(LESSON);
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('starlight-theme-select select').first().selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.goto('zh-cn/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a lesson has a table of contents and prev/next links', async ({ page }) => {
  await page.goto(LESSON);
  await expect(page.locator('starlight-toc').first()).toBeAttached();
  const pagination = page.locator('.pagination-links');
  await expect(pagination.locator('a[rel="next"], a[rel="prev"]').first()).toBeVisible();
});

test('keyboard: skip link, then the search dialog opens with Ctrl+K', async ({ page }) => {
  await page.goto(LESSON);
  await page.keyboard.press('Tab');
  await expect(page.locator('a.sl-skip-link')).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(page.locator('dialog[open]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
});

test('mobile layout: the sidebar sits behind a menu button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  const toggle = page.locator('button.sl-menu-button');
  await expect(toggle).toBeVisible();
  await toggle.click();
  await expect(page.locator('#starlight__sidebar').getByRole('link', { name: /^1\.1/ })).toBeVisible();
});

test('keyboard: → and ← move between lessons, but not while typing', async ({ page }) => {
  await page.goto(LESSON);
  const next = await page.locator('.pagination-links a[rel="next"]').getAttribute('href');
  expect(next).toBeTruthy();
  await page.locator('main h1').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`${next}$`));
  await page.waitForLoadState('load');
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(new RegExp(`${LESSON}$`));
  await page.waitForLoadState('load');
  await page.locator('site-search button[data-open-modal]').first().click();
  await page.keyboard.type('go');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`${LESSON}$`));
});

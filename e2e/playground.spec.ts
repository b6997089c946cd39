/**
 * The playground, served by nginx with the real headers: open it, type the solution, run it with
 * Shift+Enter and see every check pass; a loop that never ends is stopped and the page still works;
 * the WebContainer switch says why it is unavailable on this host (the CSP blocks StackBlitz) without
 * contacting stackblitz.com or breaking anything; edits survive a reload, unreadable saved code is kept
 * for download, and the solution replaces edits only when asked twice.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './site.ts';

const EXERCISE = 'late-start-goroutines';
const solution = readFileSync(new URL(`../playground/exercises/${EXERCISE}/solution.ts`, import.meta.url), 'utf8');

async function openPlayground(page: Page, path = `playground/${EXERCISE}/`) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Open the playground' }).click();
  const editor = page.locator('.pg-editor .cm-content');
  await expect(editor).toBeVisible();
  return editor;
}

/** Replace the editor's text: select all, then type (CodeMirror auto-indents and closes brackets, so insert as text). */
async function setCode(page: Page, code: string) {
  await page.locator('.pg-editor .cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test('nothing heavy loads before the playground is opened', async ({ page }) => {
  const watch = await watchPage(page);
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(`playground/${EXERCISE}/`);
  await expect(page.getByRole('button', { name: 'Open the playground' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((u) => /playground-app|ts\.worker|transpile|run\.worker|webcontainer/.test(u))).toEqual([]);
  watch.expectClean();
});

test('type the solution, run with Shift+Enter: every check passes', async ({ page }) => {
  const watch = await watchPage(page);
  await openPlayground(page);
  await setCode(page, solution);
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/All 3 checks pass/, { timeout: 30_000 });
  await expect(page.locator('.pg-results li[data-pass="true"]')).toHaveCount(3);
  watch.expectClean();
});

test('the starter fails with messages, a syntax error is reported', async ({ page }) => {
  const watch = await watchPage(page);
  await openPlayground(page);
  await page.getByRole('button', { name: /Run the checks/ }).click();
  await expect(page.locator('.pg-status')).toHaveText(/0 of 3 checks pass/, { timeout: 30_000 });
  await expect(page.locator('.pg-results li[data-pass="false"]').first()).toContainText('Expected');
  await setCode(page, 'export function goroutinesAroundStart() {\n  const x = ;\n}\n');
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/Syntax error at line 2/);
  watch.expectClean();
});

test('an endless loop is stopped at the time limit and the page still works', async ({ page }) => {
  const watch = await watchPage(page);
  await openPlayground(page);
  await setCode(page, 'export function goroutinesAroundStart() {\n  while (true) {}\n}\n');
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/Stopped after 5 s/, { timeout: 30_000 });
  // The page is responsive: the editor takes text and a fixed run passes.
  await setCode(page, solution);
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/All 3 checks pass/, { timeout: 30_000 });
  watch.expectClean();
});

test('type errors come from the TypeScript worker', async ({ page }) => {
  const watch = await watchPage(page);
  await openPlayground(page);
  await setCode(page, "import { EventKind } from '#field-guide/trace';\nexport function goroutinesAroundStart(): number { return EventKind.NoSuchKind; }\n");
  await expect(page.locator('.pg-types')).toHaveText(/type problem/, { timeout: 45_000 });
  await setCode(page, solution);
  await expect(page.locator('.pg-types')).toHaveText('No type errors.', { timeout: 45_000 });
  watch.expectClean();
});

test('the WebContainer switch explains that it is unavailable here, and nothing breaks', async ({ page }) => {
  const watch = await watchPage(page);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (/stackblitz|webcontainer/i.test(new URL(r.url()).hostname)) outside.push(r.url());
  });
  await openPlayground(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const toggle = page.getByRole('switch', { name: 'Run in Node (WebContainer)' });
  await toggle.check();
  await expect(page.locator('.pg-wc-status')).toHaveText(/Content-Security-Policy does not allow StackBlitz/, { timeout: 30_000 });
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Run npm test' })).toBeHidden();
  // The in-page runner keeps working.
  await setCode(page, solution);
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/All 3 checks pass/, { timeout: 30_000 });
  expect(outside).toEqual([]);
  watch.expectClean();
});

test('edits survive a reload; Reset asks first', async ({ page }) => {
  const watch = await watchPage(page);
  await openPlayground(page);
  await setCode(page, '// my attempt\nexport function goroutinesAroundStart() { return { before: 1, after: 2 }; }\n');
  await page.waitForTimeout(600); // edits are saved 300 ms after the last keystroke
  await page.reload();
  await page.getByRole('button', { name: 'Open the playground' }).click();
  await expect(page.locator('.pg-editor .cm-content')).toContainText('// my attempt');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Keep my code' }).click();
  await expect(page.locator('.pg-editor .cm-content')).toContainText('// my attempt');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.locator('.pg-editor .cm-content')).toContainText('TODO');
  watch.expectClean();
});

test('saved code that cannot be read is kept, announced and offered for download before anything is saved over it', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(`playground/${EXERCISE}/`);
  await page.evaluate((key) => localStorage.setItem(key, '{"v":1,"source":42}'), `field-guide:playground:${EXERCISE}`);
  await page.reload();
  await page.getByRole('button', { name: 'Open the playground' }).click();
  await expect(page.locator('.pg-editor .cm-content')).toContainText('goroutinesAroundStart');
  const notice = page.locator('.pg-app .fg-kept');
  await expect(notice).toContainText("Something saved in this browser for this exercise's code could not be used as it was");
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the saved text' }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"v":1,"source":42}');
  // Typing saves afresh; the unreadable text stays under a key of its own.
  await page.locator('.pg-editor .cm-content').click();
  await page.keyboard.insertText('// mine\n');
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `field-guide:playground:${EXERCISE}`)).toContain('// mine');
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('go-trace-field-guide:unreadable:field-guide:playground:')).map(([, v]) => v));
  expect(kept).toEqual(['{"v":1,"source":42}']);
  watch.expectClean();
});

test('putting the solution in asks first when it would replace edits', async ({ page }) => {
  await openPlayground(page);
  await page.locator('.pg-editor .cm-content').click();
  await page.keyboard.insertText('// my own work\n');
  await page.getByRole('button', { name: 'Show the solution' }).click();
  await page.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(page.locator('.fg-confirm')).toContainText('Replace your code with the solution? Your edits will be lost.');
  await page.getByRole('button', { name: 'Keep my code' }).click();
  await expect(page.locator('.pg-editor .cm-content')).toContainText('// my own work');
  await page.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await page.getByRole('button', { name: 'Yes, put the solution in' }).click();
  await expect(page.locator('.pg-editor .cm-content')).not.toContainText('// my own work');
});

test('the Chinese playground works too', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(`zh-cn/playground/${EXERCISE}/`);
  await page.getByRole('button', { name: '打开练习场' }).click();
  await setCode(page, solution);
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.pg-status')).toHaveText(/全部 3 项检查通过/, { timeout: 30_000 });
  watch.expectClean();
});

for (const prefix of ['', 'zh-cn/']) {
  test(`the exercise's Go scenario runs on the cross-origin-isolated page and opens its trace (${prefix || 'en'})`, async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(`${prefix}playground/${EXERCISE}/`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const box = page.locator('go-scenario').first();
    await box.locator('[data-action="run"]').click();
    await expect(box.locator('.go-scenario__status')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
    await expect(box.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
    watch.expectClean();
  });
}

/**
 * The Go exercise's page (playground/slow-request): the program is there to download (the build's
 * own copy of it, as a command) and to read, and a trace chosen or dropped on the page is graded
 * there, with the guide's reader: the fixed program's recording passes every check, the broken one's
 * fails with what was measured and where to look, another program's trace is named as such, and a
 * file that is no trace gets the opener's message. Nothing is uploaded, nothing breaks the page.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './site.ts';

const PAGE = 'playground/slow-request/';
const trace = (name: string) => `playground/traces/${name}`;

async function choose(page: Page, path: string) {
  await page.locator('go-exercise input[type="file"]').setInputFiles(path);
}

test.describe('the Go exercise', () => {
  test('offers the program as a command, and shows it', async ({ page, request }) => {
    const watch = await watchPage(page);
    await page.goto(PAGE);
    const link = page.locator('a.gx-download');
    await expect(link).toHaveAttribute('download', 'slowservice.go');
    const res = await request.get(await link.getAttribute('href') as string);
    expect(res.ok()).toBe(true);
    const text = await res.text();
    expect(text).toMatch(/^package main$/m);
    expect(text).toBe(readFileSync('playground/go/scenarios/slow-request/broken/slowservice.go', 'utf8').replace(/^package broken$/m, 'package main'));
    // The source is highlighted (Expressive Code), and the solution is there, folded.
    await expect(page.locator('.gx-source').first()).toContainText('func (c *cache) get(item int, render func() []byte) []byte {');
    await expect(page.locator('details.gx-solution')).not.toHaveAttribute('open', '');
    watch.expectClean();
  });

  test('a fixed program’s trace passes every check', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(PAGE);
    await choose(page, trace('slow-request-fixed.go1.27.trace'));
    const box = page.locator('go-exercise');
    await expect(box).toHaveAttribute('data-state', 'passed');
    await expect(box.locator('.gx-results li[data-pass="true"]')).toHaveCount(4);
    await expect(box.locator('.gx-status')).toContainText('all 4 checks pass');
    // The reader's trace opens in the viewer below, its slowest request marked.
    await expect(box.locator('.gx-viewer canvas').first()).toBeVisible();
    watch.expectClean();
  });

  test('a broken program’s trace, dropped on the page, fails with what was measured and where to look', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(`zh-cn/${PAGE}`);
    const bytes = [...readFileSync(trace('slow-request-broken.go1.27.trace'))];
    const dataTransfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'trace.out', { type: 'application/octet-stream' }));
      return dt;
    }, bytes);
    const zone = page.locator('.gx-drop');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    const box = page.locator('go-exercise');
    await expect(box).toHaveAttribute('data-state', 'failed');
    await expect(box.locator('.gx-results li')).toHaveCount(4);
    const p99 = box.locator('.gx-results li[data-check="p99"]');
    await expect(p99).toHaveAttribute('data-pass', 'false');
    await expect(p99).toContainText('p99');
    await expect(p99).toContainText(/G\d+/); // where to look: the goroutine to search for
    await expect(box.locator('.gx-results li[data-check="mutex"]')).toHaveAttribute('data-pass', 'false');
    await expect(box.locator('.gx-results li[data-check="complete"]')).toHaveAttribute('data-pass', 'true');
    await expect(box.locator('.gx-status')).toContainText('2 项');
    watch.expectClean();
  });

  test('another program’s trace, a damaged trace and a file that is no trace get messages, not a crash', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(PAGE);
    const box = page.locator('go-exercise');
    await choose(page, trace('anatomy-default.go1.27.trace'));
    await expect(box).toHaveAttribute('data-grade', 'not-exercise');
    await expect(box.locator('.gx-status')).toContainText('not a trace of the exercise program');
    await expect(box.locator('.gx-results')).toBeHidden();

    await page.locator('go-exercise input[type="file"]').setInputFiles({
      name: 'trace.out',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(trace('slow-request-fixed.go1.27.trace')).subarray(0, 40_000),
    });
    await expect(box).toHaveAttribute('data-grade', 'unreadable');
    await expect(box.locator('.gx-status')).toContainText('could not be read');

    await page.locator('go-exercise input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') });
    await expect(box).toHaveAttribute('data-state', 'failed');
    await expect(box.locator('.gx-status')).toContainText('is not a Go execution trace');
    watch.expectClean();
  });

  test('is listed with the TypeScript exercises, tagged Go, in both languages', async ({ page }) => {
    for (const prefix of ['', 'zh-cn/']) {
      await page.goto(`${prefix}tools/playground/`);
      const item = page.locator('.exercise-list li', { has: page.locator(`a[href$="${prefix}playground/slow-request/"]`) });
      await expect(item.locator('.exercise-list__lang')).toHaveText('Go');
      await expect(page.locator('.exercise-list__lang[data-language="typescript"]').first()).toHaveText('TypeScript');
    }
  });
});

test.describe('lesson 6.4: the program in the page', () => {
  test('runs broken and fixed from the case study\'s own binary, says it has one thread, and offers a snapshot while it serves', async ({ page }) => {
    const watch = await watchPage(page);
    const wasmRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname.split('/').pop()!);
    });
    await page.goto('casestudy/fix-and-verify/');
    const box = page.locator('go-scenario[data-scenario="slow-request"]');
    await expect(box.locator('.go-scenario__slot')).toContainText('GOMAXPROCS=1');
    for (const variant of ['broken', 'fixed']) {
      await box.locator('select[name="variant"]').selectOption(variant);
      await box.locator('[data-action="run"]').click();
      // While it serves, the flight recorder offers snapshots.
      await expect(box.locator('[data-action="snapshot"]')).toBeVisible({ timeout: 45_000 });
      await expect(box.locator('.go-scenario__status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await expect(box.locator('.go-scenario__result pre')).toContainText(/\d+ requests in 3s, 0 errors/);
      await expect(box.locator('.go-scenario__result canvas').first()).toBeVisible({ timeout: 20_000 });
    }
    // Its HTTP service links net/http: casestudy.wasm holds it, so the lessons' binary stays small.
    expect(wasmRequests).toEqual(['casestudy.wasm', 'casestudy.wasm']);
    watch.expectClean();
  });
});

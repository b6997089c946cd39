import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

// The anatomy scenario is embedded in lesson 1.1: pressing Run loads the Go WebAssembly build in a
// Web Worker (the lessons' scenarios.wasm, never chapter 6's larger casestudy.wasm), runs the real
// program, and summarises the fresh trace it recorded.
const LESSON = 'principles/how-the-tracer-works/';

test('a Go scenario runs in the page and records a fresh trace (Go 1.27 writes go 1.26 traces)', async ({ page }) => {
  const watch = await watchPage(page);
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
  });
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');
  expect(wasmRequests, 'the Go runtime must load only when Run is pressed').toEqual([]);

  // The element announces each fresh trace; keep its first 16 bytes (the header) for the check below.
  await page.evaluate(() => {
    document.addEventListener('go-scenario:trace', (e) => {
      const trace = (e as CustomEvent<{ trace: Uint8Array }>).detail.trace;
      document.body.dataset.lastTraceHeader = new TextDecoder().decode(trace.subarray(0, 16));
    });
  });
  const box = page.locator('go-scenario[data-scenario="anatomy"]').first();
  await box.locator('[data-action="run"]').click();
  await expect(box.locator('.go-scenario__status')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const facts = box.locator('dl');
  await expect(facts).toContainText('go 1.26 trace');
  await expect(box.locator('a[download]')).toHaveAttribute('href', /^blob:/);

  const header = await page.evaluate(() => document.body.dataset.lastTraceHeader);
  expect(header).toBe('go 1.26 trace\0\0\0');
  expect(wasmRequests.map((u) => new URL(u).pathname.split('/').pop())).toEqual(['scenarios.wasm']);
  // The fresh trace opens in the timeline viewer below the result.
  await expect(box.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  watch.expectClean();
});

test('a Go program that overruns its time limit is stopped with a clear message; the page keeps working', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(LESSON);
  const box = page.locator('go-scenario[data-scenario="anatomy"]').first();
  await box.evaluate((el: HTMLElement) => (el.dataset.timeout = '50'));
  await box.locator('[data-action="run"]').click();
  const status = box.locator('.go-scenario__status');
  await expect(status).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await expect(status).toContainText(/did not finish within/);
  await expect(box.locator('[data-action="run"]')).toBeEnabled();
  // The page is still alive: the theme switch still works.
  await page.locator('starlight-theme-select select').first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  watch.expectClean();
});

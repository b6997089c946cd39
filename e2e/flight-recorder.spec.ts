/**
 * The flight-recorder scenario in lesson 1.2 (section 4, the flight recorder; lessons 2.2 and 5.1
 * embed it too): the real Go program runs in its Web Worker, serving requests under
 * runtime/trace.FlightRecorder; once it prints a slow request, Snapshot asks it for its last
 * seconds, which open in the viewer below the Run box with the slow request marked.
 */
import { expect, test } from '@playwright/test';
import { watchPage } from './site.ts';

const PAGE = 'principles/capturing-and-opening/';

test('Snapshot opens the last seconds of the running program, the slow request marked', async ({ page }) => {
  test.setTimeout(90_000);
  const watch = await watchPage(page);
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  await page.goto(PAGE);
  const box = page.locator('go-scenario[data-scenario="flight-recorder"]');
  const snapshot = box.locator('[data-action="snapshot"]');
  // Only a running program that offers snapshots gets the button.
  await expect(snapshot).toBeHidden();

  await box.locator('[data-action="run"]').click();
  await expect(snapshot).toBeVisible({ timeout: 30_000 });
  await expect(box.locator('[data-snapshot-note]')).toBeVisible();
  // The program prints each slow request as it happens: then the recorder's window holds one.
  await expect(box.locator('.go-scenario__live')).toContainText(/slow request \d+: /, { timeout: 30_000 });
  await snapshot.click();

  const shot = box.locator('.go-scenario__snapshot');
  await expect(shot.locator('.go-scenario__snapshot-status')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(shot.locator('.go-scenario__snapshot-status')).toContainText(/^Snapshot: the last [\d.]+ (s|ms) of the running program \([\d.]+ KiB\)\.$/);
  await expect(shot.locator('canvas').first()).toBeVisible();
  // The slowest request is marked with its duration, over the threshold, and selected.
  const mark = shot.locator('.tv-markers li[data-highlight="true"]');
  await expect(mark).toContainText(/^Slow handleRequest: [\d.]+ ms, over the 100 ms threshold/);
  const ms = Number(/([\d.]+) ms,/.exec((await mark.textContent()) ?? '')![1]);
  expect(ms).toBeGreaterThan(100);
  const selection = shot.locator('.tv-selection');
  await expect(selection).toContainText('handleRequest');
  await expect(selection.locator('dd').filter({ hasText: `${ms} ms` })).toHaveCount(1);
  // The viewer opens on it: the window is a few times the request, not the whole snapshot.
  const tv = shot.locator('.tv');
  const span = Number(await tv.getAttribute('data-window-end')) - Number(await tv.getAttribute('data-window-start'));
  expect(span).toBeLessThan(ms * 1e6 * 4);

  // The program serves on until its end; its own trace (the first slow request's snapshot) is
  // marked the same way, and the button goes away with the program.
  await expect(box.locator('.go-scenario__status')).toHaveAttribute('data-state', 'done', { timeout: 40_000 });
  await expect(snapshot).toBeHidden();
  await expect(box.locator('.go-scenario__result .tv-markers li[data-highlight="true"]')).toContainText(/^Slow handleRequest: /, { timeout: 20_000 });
  await expect(shot.locator('canvas').first()).toBeVisible();
  // A lesson's scenario comes from the lessons' binary, not chapter 6's.
  expect(wasmRequests).toEqual(['scenarios.wasm']);
  watch.expectClean();
});

test('the Chinese lesson embeds it too, with its Snapshot button', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(`zh-cn/${PAGE}`);
  await expect(page.locator('main h1')).toHaveText('1.2 采集与打开 trace');
  const box = page.locator('go-scenario[data-scenario="flight-recorder"]');
  await expect(box.locator('[data-action="snapshot"]')).toHaveText('快照');
  await expect(box.locator('[data-action="snapshot"]')).toBeHidden();
  await expect(box.locator('.go-scenario__slot')).toContainText('快照');
  watch.expectClean();
});

import { expect, test, type Page } from '@playwright/test';
import { BUDGET_KB, weigh } from './page-weight.ts';
import { watchPage } from './site.ts';

// The OpenTelemetry scenario boxes on the playground page: pressing Run loads the OpenTelemetry
// WebAssembly build in a Web Worker, runs the real program, and shows its spans as a waterfall; with
// the execution tracer on, selecting a span shows its task, its goroutines and its waits on the
// timeline, and selecting the task there selects the span.
const PAGE = 'tools/playground/';
const box = (page: Page, scenario: string) => page.locator(`otel-scenario[data-scenario="${scenario}"]`);

async function runBox(page: Page, scenario: string, variant?: string) {
  const b = box(page, scenario);
  if (variant) await b.locator('select[name="variant"]').selectOption(variant);
  await b.locator('[data-action="run"]').click();
  await expect(b.locator('.otel-scenario__status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  return b;
}

test('an OpenTelemetry scenario runs in the page: its span waterfall, and its spans on the execution-trace timeline', async ({ page }) => {
  test.setTimeout(180_000);
  const watch = await watchPage(page);
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await page.goto(PAGE);
  await page.waitForLoadState('networkidle');
  expect(wasm, 'the OpenTelemetry build must load only when Run is pressed').toEqual([]);

  const b = await runBox(page, 'context-propagation', 'dropped-ctx');
  expect(wasm).toEqual([expect.stringMatching(/\/go\/otel-scenarios\.wasm$/)]);

  // The waterfall: 7 spans in 2 traces (chargeCard started from context.Background() is a trace of its own),
  // and the query under GET, not under loadUser: the ctx that Start returned was dropped.
  const rows = b.locator('.sw-row');
  await expect(rows).toHaveCount(7);
  await expect(b.locator('.sw-summary')).toHaveText('7 spans in 2 traces');
  const levels = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-level')} ${e.querySelector('.sw-span-name')?.textContent}`));
  // Siblings come in start order, which a coarse browser clock can tie: compare the tree, not their order.
  expect([...levels].sort()).toEqual(['1 GET', '1 chargeCard', '2 HTTP GET', '2 SELECT users', '2 loadUser', '3 GET', '4 reserveStock']);
  expect(levels[0]).toBe('1 GET');
  expect(levels.at(-1)).toBe('1 chargeCard');
  expect(levels.indexOf('4 reserveStock')).toBe(levels.indexOf('3 GET') + 1);

  // The execution trace below, with every span on its goroutine.
  const viewer = b.locator('.tv');
  await expect(viewer.locator('canvas')).toBeVisible({ timeout: 30_000 });
  await expect(rows.locator('.sw-mark')).toHaveCount(7);

  // Select chargeCard from the keyboard: its task is focused on the timeline, on a goroutine of its own.
  const first = rows.first();
  await first.focus();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.last()).toHaveAttribute('aria-selected', 'true');
  await expect(b.locator('.sw-details')).toContainText('chargeCard');
  const panel = b.locator('.otel-on-trace');
  await expect(panel).toContainText(/On the execution trace: task \d+ “chargeCard”/);
  const chargeTask = await viewer.getAttribute('data-span-focus');
  expect(chargeTask).toMatch(/^\d+$/);
  const chargeG = (await rows.last().locator('.sw-mark').textContent())!;
  await expect(panel).toContainText(`${chargeG} `);

  // The root GET: its own goroutine, which waited on the WaitGroup for chargeCard's goroutine.
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await expect(panel).toContainText(/task \d+ “GET”/);
  await expect(panel).toContainText(/not running for .* waiting \(sync\)/);
  expect(await viewer.getAttribute('data-span-focus')).not.toBe(chargeTask);
  await expect(viewer.locator('.tv-selection')).toContainText('GET');

  // The other way: the chargeCard task found on the timeline selects its span in the waterfall.
  await viewer.locator('.tv-search input').fill('chargeCard');
  await viewer.locator('.tv-results button', { hasText: 'chargeCard' }).first().click();
  await expect(rows.last()).toHaveAttribute('aria-selected', 'true');
  await expect(viewer).toHaveAttribute('data-span-focus', chargeTask!);
  watch.expectClean();
});

test('a Collector simulated in the page says so, and one that refuses the certificate receives nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchPage(page);
  await page.goto(PAGE);
  const b = box(page, 'tls-downgrade');
  const note = b.locator('[data-note-for="no-ca"]');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Simulated Collector, not a network.');
  await expect(note).toContainText('over TLS');
  await runBox(page, 'tls-downgrade', 'no-ca');
  await expect(b.locator('.otel-facts')).toContainText('the simulated Collector');
  await expect(b.locator('.otel-result pre')).toContainText('tls: failed to verify certificate: x509: certificate signed by unknown authority');
  await expect(b.locator('.otel-result pre')).toContainText('[simulated Collector');
  await expect(b.locator('.sw-none')).toHaveText('No span reached the exporter in this run.');
  // The in-memory scenarios carry no such note.
  await expect(box(page, 'context-propagation').locator('.otel-scenario__simulated:visible')).toHaveCount(0);
  watch.expectClean();
});

test('a run that overruns its time limit, or is cancelled, ends with a message and what it printed; the box runs again', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchPage(page);
  await page.goto(PAGE);
  const b = box(page, 'export-retry');
  // http-stopped waits 30 s for a Collector that never answers: give it 3 s.
  await b.evaluate((el: HTMLElement) => {
    const variants = JSON.parse(el.dataset.variants!);
    for (const v of variants) v.timeLimitMs = 3000;
    el.dataset.variants = JSON.stringify(variants);
  });
  await b.locator('select[name="variant"]').selectOption('http-stopped');
  await b.locator('[data-action="run"]').click();
  const status = b.locator('.otel-scenario__status');
  await expect(status).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(status).toContainText('did not finish within 3 s');
  await expect(b.locator('.otel-scenario__result pre')).toContainText('[simulated Collector');
  await expect(b.locator('[data-action="run"]')).toBeEnabled();

  await b.locator('[data-action="run"]').click();
  await expect(status).toHaveAttribute('data-state', /loading|running/);
  await b.locator('[data-action="cancel"]').click();
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(status).toContainText('The run was cancelled.');
  await expect(b.locator('[data-action="run"]')).toBeEnabled();
  watch.expectClean();
});

test('on a phone the waterfall scrolls inside its own box, and the page stays 390 px wide', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const watch = await watchPage(page);
  await page.goto(PAGE);
  const b = await runBox(page, 'async-goroutines', 'request-ctx');
  const scroll = b.locator('.sw-scroll');
  await expect(scroll).toBeVisible();
  const sizes = await scroll.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  await expect(b.locator('.tv canvas')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  watch.expectClean();
});

test('the Chinese page runs the same boxes in Chinese', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchPage(page);
  await page.goto(`zh-cn/${PAGE}`);
  const b = box(page, 'context-propagation');
  await expect(b.locator('.otel-scenario__note').first()).toContainText('在你的浏览器中运行真实的 OpenTelemetry Go');
  await expect(box(page, 'export-retry').locator('[data-note-for="http-down"]')).toContainText('模拟的 Collector，不是网络。');
  await runBox(page, 'context-propagation', 'fixed');
  await expect(b.locator('.sw-summary')).toHaveText('1 条 trace 中共 7 个 span');
  await expect(b.locator('.otel-on-trace')).toContainText('在瀑布图中选择一个 span');
  watch.expectClean();
});

for (const path of [PAGE, `zh-cn/${PAGE}`]) {
  test(`/${path}, with five OpenTelemetry boxes, loads under ${BUDGET_KB} KB of JavaScript before interaction`, async ({ context, baseURL }) => {
    const w = await weigh(context, `${baseURL}${path}`);
    expect(w.gzip / 1024).toBeLessThan(BUDGET_KB);
  });
}

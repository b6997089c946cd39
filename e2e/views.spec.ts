/**
 * The viewer's four analysis views (goroutines, profiles, regions, mmu) in the browser, on the case
 * study's broken snapshot, checked against Go's own figures: content/casestudy/go/<trace>.analyses.json
 * and <trace>.sync-top.txt, written by scripts/casestudy/traceanalyses and go tool pprof with Go 1.27
 * (`npm run casestudy:figures`). Numbers are compared as the viewer prints them (formatNs: three
 * significant digits). Also: the views are tabs for the keyboard, fit a phone, load their code only
 * when opened, and a lesson's TraceViewer view prop opens the right one.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatNs } from '../src/components/trace-viewer/scale.ts';
import type { TraceAnalyses } from '../src/casestudy/go-figures.ts';
import { watchPage } from './site.ts';

const OPEN = 'tools/open-a-trace/';
const TRACE = 'slow-request-broken-snapshot.go1.27.trace';
const go: TraceAnalyses = JSON.parse(readFileSync(`content/casestudy/go/${TRACE}.analyses.json`, 'utf8'));
const syncTop = readFileSync(`content/casestudy/go/${TRACE}.sync-top.txt`, 'utf8');

const nearestRank = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil((sorted.length * p) / 100)) - 1];

async function openTrace(page: Page): Promise<Locator> {
  await page.goto(OPEN);
  await page.getByLabel('Choose a trace file').setInputFiles(`playground/traces/${TRACE}`);
  const opener = page.locator('trace-opener');
  await expect(opener).toHaveAttribute('data-state', 'ready');
  return opener;
}

async function openView(root: Locator, view: string): Promise<Locator> {
  await root.locator(`[role="tab"][data-tab="${view}"]`).click();
  const panel = root.locator(`.tv-panel[data-view="${view}"]`);
  await expect(panel).toBeVisible();
  await expect(panel.locator('.tv-view[data-ready="true"]')).toBeVisible();
  return panel;
}

test.describe('the analysis views on open-a-trace', () => {
  test("goroutines: cmd/trace's groups, sortable, a goroutine opens the timeline on it", async ({ page }) => {
    const watch = await watchPage(page);
    const opener = await openTrace(page);
    const panel = await openView(opener, 'goroutines');
    const serve = go.goroutines.find((g) => g.name === 'net/http.(*conn).serve')!;
    const row = panel.locator('tr[data-key="net/http.(*conn).serve"]');
    await expect(row.locator('td[data-col="count"]')).toHaveText(String(serve.n));
    await expect(row.locator('td[data-col="exec"]')).toHaveText(formatNs(serve.execNs));
    await expect(row.locator('td[data-col="schedWait"]')).toHaveText(formatNs(serve.schedWaitNs));
    await expect(row.locator('td[data-col="block:sync"]')).toHaveText(formatNs(serve.blockNsByReason.sync));
    await expect(row.locator('td[data-col="block:network"]')).toHaveText(formatNs(serve.blockNsByReason.network));
    await expect(row.locator('td[data-col="assist"]')).toHaveText(formatNs(serve.rangeNs['GC mark assist'] ?? 0));
    await expect(row.locator('td[data-col="unknown"]')).toHaveText(formatNs(serve.unknownNs));
    // Every group Go lists, with its count.
    for (const g of go.goroutines) if (g.name) await expect(panel.locator(`tr[data-key="${g.name}"] td[data-col="count"]`)).toHaveText(String(g.n));
    // Sorting: by count, largest first; then the other way.
    const countHeader = panel.locator('th[data-col="count"]');
    await countHeader.getByRole('button').click();
    await expect(countHeader).toHaveAttribute('aria-sort', 'descending');
    const most = Math.max(...go.goroutines.map((g) => g.n));
    await expect(panel.locator('tbody tr').first().locator('td[data-col="count"]')).toHaveText(String(most));
    await countHeader.getByRole('button').click();
    await expect(countHeader).toHaveAttribute('aria-sort', 'ascending');
    // A group opens its goroutines; a goroutine opens the timeline on it.
    await panel.getByRole('button', { name: 'net/http.(*conn).serve', exact: true }).click();
    await expect(panel.locator('tbody tr')).toHaveCount(serve.n);
    const first = panel.locator('tbody tr').first().locator('button[data-goroutine]');
    const id = await first.getAttribute('data-goroutine');
    await first.click();
    const timeline = opener.locator('.tv-panel[data-view="timeline"]');
    await expect(timeline).toBeVisible();
    await expect(opener.locator('[role="tab"][data-tab="timeline"]')).toHaveAttribute('aria-selected', 'true');
    await expect(timeline.locator('.tv')).toHaveAttribute('data-highlight-goroutine', id!);
    await expect(timeline.locator('.tv-selection')).toContainText(`G${id}`);
    watch.expectClean();
  });

  test('profiles: the sync flame graph, its top stacks and the pprof file', async ({ page }) => {
    const watch = await watchPage(page);
    const opener = await openTrace(page);
    const panel = await openView(opener, 'profiles');
    await expect(panel.locator('.tv-profiles')).toHaveAttribute('data-kind', 'sync');
    // The whole profile's delay, as go tool pprof prints it ("of 34031.62ms total").
    const totalMs = Number(/of ([\d.]+)ms total/.exec(syncTop)![1]);
    await expect(panel.locator('caption')).toContainText(formatNs(totalMs * 1e6));
    await expect(panel.locator('.tv-frame').first()).toHaveAttribute('aria-label', new RegExp(formatNs(totalMs * 1e6).replace('.', '\\.')));
    // Zoomed to the handler, the flame graph holds pprof's -focus=serveItem total, and its leaves.
    const focusMs = Number(/accounting for ([\d.]+)ms/.exec(syncTop)![1]);
    await panel.locator('.tv-frame[data-func$=".(*server).serveItem"]').first().click();
    const zoomed = panel.locator('.tv-frame[data-zoomed="true"]');
    await expect(zoomed).toHaveAttribute('data-func', /\.\(\*server\)\.serveItem$/);
    await expect(zoomed).toHaveAttribute('aria-label', new RegExp(`${formatNs(focusMs * 1e6)} `));
    for (const leaf of ['sync.(*Mutex).Lock', 'runtime.selectgo', 'runtime.chanrecv1']) await expect(panel.locator(`.tv-frame[data-func="${leaf}"]`).first()).toBeVisible();
    await panel.locator('.tv-crumbs button').first().click();
    await expect(panel.locator('.tv-crumbs')).toBeHidden();
    // The pprof file for go tool pprof: gzip.
    const link = panel.locator('a[download="sync.pb.gz"]');
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('sync.pb.gz');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBeGreaterThan(0);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    // Another kind.
    await panel.locator('select').selectOption('net');
    await expect(panel.locator('.tv-profiles')).toHaveAttribute('data-kind', 'net');
    await expect(panel.locator('a[download="net.pb.gz"]')).toBeVisible();
    watch.expectClean();
  });

  test("regions: count, p99 and slowest per type as Go's parser, an instance opens the timeline", async ({ page }) => {
    const watch = await watchPage(page);
    const opener = await openTrace(page);
    const panel = await openView(opener, 'regions');
    for (const r of go.regions) {
      const d = [...r.durationsNs].sort((a, b) => a - b);
      const row = panel.locator(`tr[data-key="region:${r.name}"]`);
      await expect(row.locator('td[data-col="count"]')).toHaveText(d.length.toLocaleString('en-US'));
      await expect(row.locator('td[data-col="p50"]')).toHaveText(formatNs(nearestRank(d, 50)));
      await expect(row.locator('td[data-col="p99"]')).toHaveText(formatNs(nearestRank(d, 99)));
      await expect(row.locator('td[data-col="max"]')).toHaveText(formatNs(d.at(-1)!));
    }
    await panel.getByRole('button', { name: 'cache', exact: true }).click();
    const slowest = panel.locator('.tv-slowest button').first();
    const cache = go.regions.find((r) => r.name === 'cache')!;
    await expect(slowest).toHaveText(formatNs(Math.max(...cache.durationsNs)));
    const start = Number(await slowest.getAttribute('data-start'));
    const end = Number(await slowest.getAttribute('data-end'));
    await slowest.click();
    const tv = opener.locator('.tv-panel[data-view="timeline"] .tv');
    await expect(tv).toBeVisible();
    await expect.poll(async () => Number(await tv.getAttribute('data-window-start'))).toBeLessThanOrEqual(start);
    await expect.poll(async () => Number(await tv.getAttribute('data-window-end'))).toBeGreaterThanOrEqual(end);
    expect(Number(await tv.getAttribute('data-window-end')) - Number(await tv.getAttribute('data-window-start'))).toBeLessThan((end - start) * 2);
    watch.expectClean();
  });

  test("mmu: the worst 10 ms windows as Go's page, flags, a window opens the timeline", async ({ page }) => {
    const watch = await watchPage(page);
    const opener = await openTrace(page);
    const panel = await openView(opener, 'mmu');
    await expect(panel.locator('svg.tv-mmu-chart path.tv-mmu-line')).toBeVisible();
    for (const k of ['stw', 'background', 'assist']) await expect(panel.locator(`input[data-flag="${k}"]`)).toBeChecked();
    const w10 = go.mmu.find((m) => m.windowNs === 1e7)!;
    const worst = panel.locator('.tv-mmu-worst');
    await expect(worst).toHaveAttribute('data-window', '10000000');
    expect(Number(await worst.getAttribute('data-mmu'))).toBeCloseTo(w10.mmu, 6);
    const buttons = worst.locator('button');
    for (let i = 0; i < Math.min(2, w10.worst.length); i++) {
      expect(Number(await buttons.nth(i).getAttribute('data-start'))).toBe(w10.worst[i].startNs - go.firstEventNs);
      expect(Number(await buttons.nth(i).getAttribute('data-util'))).toBeCloseTo(w10.worst[i].util, 6);
    }
    // 1 ms windows too.
    await panel.getByLabel('Worst windows of').selectOption('1000000');
    expect(Number(await worst.getAttribute('data-mmu'))).toBeCloseTo(go.mmu.find((m) => m.windowNs === 1e6)!.mmu, 6);
    // Without any of the collector's work counted, the program had the CPU.
    for (const k of ['stw', 'background', 'assist']) await panel.locator(`input[data-flag="${k}"]`).uncheck();
    await expect(worst).toHaveAttribute('data-mmu', '1');
    for (const k of ['stw', 'background', 'assist']) await panel.locator(`input[data-flag="${k}"]`).check();
    const start = Number(await buttons.first().getAttribute('data-start'));
    await buttons.first().click();
    const tv = opener.locator('.tv-panel[data-view="timeline"] .tv');
    await expect(tv).toBeVisible();
    await expect.poll(async () => Number(await tv.getAttribute('data-window-start'))).toBeLessThanOrEqual(start);
    watch.expectClean();
  });

  test('tabs for the keyboard; view code loaded only when a tab opens', async ({ page }) => {
    const watch = await watchPage(page);
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    const opener = await openTrace(page);
    expect(loaded.some((u) => /(goroutines|profiles|regions|mmu)-view\.[\w-]+\.js/.test(u))).toBe(false);
    const tabs = opener.getByRole('tab');
    await expect(tabs).toHaveCount(5);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(opener.getByRole('tab', { name: 'Goroutines' })).toBeFocused();
    await expect(opener.getByRole('tab', { name: 'Goroutines' })).toHaveAttribute('aria-selected', 'true');
    await expect(opener.locator('.tv-panel[data-view="goroutines"]')).toBeVisible();
    await expect(opener.locator('.tv-panel[data-view="timeline"]')).toBeHidden();
    await page.keyboard.press('End');
    await expect(opener.getByRole('tab', { name: 'MMU' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(opener.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(opener.locator('.tv-panel[data-view="mmu"] .tv-view[data-ready="true"]')).toBeVisible();
    expect(loaded.some((u) => /goroutines-view\.[\w-]+\.js/.test(u))).toBe(true);
    // The analyses were read once for all views (one progress line, gone once done).
    await expect(opener.locator('.tv-analysis-status')).toBeHidden();
    watch.expectClean();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('every view fits 390 px', async ({ page }) => {
    const opener = await openTrace(page);
    for (const v of ['goroutines', 'profiles', 'regions', 'mmu', 'timeline']) {
      if (v === 'timeline') await opener.locator('[role="tab"][data-tab="timeline"]').click();
      else await openView(opener, v);
      const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth }));
      expect(scrollWidth, v).toBeLessThanOrEqual(width);
    }
  });
});

test.describe('in a lesson', () => {
  for (const [lesson, view] of [['casestudy/requests-and-gc/', 'regions'], ['casestudy/requests-and-gc/', 'mmu'], ['zh-cn/casestudy/where-the-time-went/', 'goroutines'], ['casestudy/where-the-time-went/', 'profiles']] as const) {
    test(`${lesson}: view="${view}" opens on ${view}`, async ({ page }) => {
      const watch = await watchPage(page);
      await page.goto(lesson);
      const viewer = page.locator(`trace-viewer[data-open-view="${view}"]`);
      await viewer.scrollIntoViewIfNeeded();
      await expect(viewer).toHaveAttribute('data-ready', 'true');
      await expect(viewer.locator(`[role="tab"][data-tab="${view}"]`)).toHaveAttribute('aria-selected', 'true');
      await expect(viewer.locator(`.tv-panel[data-view="${view}"] .tv-view[data-ready="true"]`)).toBeVisible();
      await expect(viewer.locator('.tv-panel[data-view="timeline"]')).toBeHidden();
      if (lesson.startsWith('zh-cn/')) await expect(viewer.locator('[role="tab"][data-tab="timeline"]')).toHaveText('时间线');
      watch.expectClean();
    });
  }
});

/**
 * The trace viewer in the browser, against the nginx-served build: the animated sample in chapter 1
 * (play, pause, scrub, keyboard zoom and pan, Enter, hydrated only when seen, usable on a phone), and
 * the open-a-trace page (file picker, drag and drop, findings, corrupt and truncated files, empty,
 * header-only and non-trace files named in both languages, WebAssembly runs, trace text kept as text,
 * keyboard-only use).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { lessonFile, siteRoot } from '../src/site/outline.ts';
import { watchPage } from './site.ts';

const LESSON = 'principles/how-the-tracer-works/';
const OPEN = 'tools/open-a-trace/';

/** Scrolls the page's viewer into view (it hydrates only when seen) and waits until it has drawn its trace. */
async function readyViewer(page: Page): Promise<Locator> {
  const viewer = page.locator('trace-viewer');
  await viewer.scrollIntoViewIfNeeded();
  await expect(page.locator('trace-viewer[data-ready="true"]')).toBeVisible();
  return viewer;
}

const num = async (page: Page, sel: string, attr: string) => Number(await page.locator(sel).getAttribute(attr));

test.describe('the sample trace in chapter 1', () => {
  test('loads its code only when scrolled into view', async ({ page }) => {
    const watch = await watchPage(page);
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    await page.goto(LESSON);
    await page.waitForLoadState('networkidle');
    expect(loaded.some((u) => /\/traces\/|load\.[\w-]+\.js|worker-[\w-]+\.js/.test(u)), loaded.join('\n')).toBe(false);
    await readyViewer(page);
    // The recording the lesson names (lessons move from Go 1.23 to Go 1.27 recordings one by one).
    const named = /<TraceViewer[^>]*?\strace="([^"]+)"/.exec(readFileSync(lessonFile(siteRoot, 'principles/how-the-tracer-works')!, 'utf8'));
    expect(named, 'the lesson embeds a TraceViewer').not.toBeNull();
    expect(loaded.some((u) => u.endsWith(`/traces/${named![1]}`))).toBe(true);
    watch.expectClean();
  });

  test('plays, pauses and scrubs', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(LESSON);
    const viewer = await readyViewer(page);
    const root = 'trace-viewer .tv';
    await expect(page.locator(root)).toHaveAttribute('data-playhead', '0');
    // The summary for screen readers and the markers from the lesson are there.
    await expect(page.locator(`${root} .tv-sr-only`)).toContainText('goroutines');
    await expect(page.locator(`${root} .tv-markers button`)).toHaveCount(2);

    await viewer.getByRole('button', { name: /Play/ }).click();
    await expect(page.locator(root)).toHaveAttribute('data-playing', 'true');
    await expect.poll(() => num(page, root, 'data-playhead'), { timeout: 5000 }).toBeGreaterThan(0);
    const t1 = await num(page, root, 'data-playhead');
    await page.waitForTimeout(400);
    const t2 = await num(page, root, 'data-playhead');
    expect(t2).toBeGreaterThan(t1);

    await viewer.getByRole('button', { name: /Pause/ }).click();
    await expect(page.locator(root)).toHaveAttribute('data-playing', 'false');
    const paused = await num(page, root, 'data-playhead');
    await page.waitForTimeout(400);
    expect(await num(page, root, 'data-playhead')).toBe(paused);

    // Scrub: the range input moves the playhead (and the "now" line follows).
    const scrubber = viewer.getByRole('slider', { name: 'Playhead position' });
    const max = Number(await scrubber.getAttribute('max'));
    await scrubber.fill(String(Math.round(max * 0.75)));
    await expect.poll(() => num(page, root, 'data-playhead')).toBeCloseTo(Math.round(max * 0.75), -3);
    await expect(viewer.locator('.tv-now')).toContainText('running');

    // Space on the timeline plays and pauses too.
    const stage = viewer.getByRole('application');
    await stage.focus();
    await page.keyboard.press('Space');
    await expect(page.locator(root)).toHaveAttribute('data-playing', 'true');
    await page.keyboard.press('Space');
    await expect(page.locator(root)).toHaveAttribute('data-playing', 'false');
    watch.expectClean();
  });

  test('zooms and pans with the keyboard, and shows details on click', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(LESSON);
    const viewer = await readyViewer(page);
    const root = 'trace-viewer .tv';
    const span = async () => (await num(page, root, 'data-window-end')) - (await num(page, root, 'data-window-start'));
    const full = await span();
    const stage = viewer.getByRole('application');
    await stage.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    expect(await span()).toBeLessThan(full * 0.5);
    const start = await num(page, root, 'data-window-start');
    await page.keyboard.press('ArrowRight');
    expect(await num(page, root, 'data-window-start')).toBeGreaterThan(start);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await num(page, root, 'data-window-start')).toBeLessThan(start);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await span()).toBeGreaterThan(full * 0.9);
    await page.keyboard.press('End');
    expect(await num(page, root, 'data-window-end')).toBeGreaterThan(0);

    // Click on the first P lane shows a selection with a goroutine.
    await page.keyboard.press('0');
    const box = (await stage.boundingBox())!;
    let selected = false;
    for (const fx of [0.3, 0.5, 0.7, 0.9]) {
      await page.mouse.click(box.x + 150 + (box.width - 150) * fx, box.y + 22 + 9);
      if (((await viewer.locator('.tv-selection dl').count()) ?? 0) > 0) {
        selected = true;
        break;
      }
    }
    expect(selected).toBe(true);
    await expect(viewer.locator('.tv-selection')).toContainText('Goroutine');
    watch.expectClean();
  });

  test('the Chinese page shows the viewer with Chinese UI text', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(`zh-cn/${LESSON}`);
    const viewer = await readyViewer(page);
    await expect(viewer.getByRole('button', { name: /播放/ })).toBeVisible();
    watch.expectClean();
  });
});

/** A finding links its lesson once that lesson is published, and shows no dead link before. */
async function expectLessonLink(finding: Locator, slug: string, prefix: string) {
  if (lessonFile(siteRoot, slug)) await expect(finding.getByRole('link')).toHaveAttribute('href', `${prefix}${slug}/`);
  else await expect(finding.getByRole('link')).toHaveCount(0);
}

test.describe('open a trace', () => {
  test('a chosen file shows its timeline and the trace doctor finds the lost context', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(OPEN);
    await page.getByLabel('Choose a trace file').setInputFiles('playground/traces/lost-context-broken.go1.27.trace');
    const opener = page.locator('trace-opener');
    await expect(opener).toHaveAttribute('data-state', 'ready');
    await expect(opener.locator('canvas')).toBeVisible();
    // Loading is over: the progress bar and Cancel go away.
    await expect(opener.locator('.trace-opener__progress')).toBeHidden();
    await expect(opener.getByRole('button', { name: 'Cancel' })).toBeHidden();
    const finding = opener.locator('.tv-finding[data-rule="region-without-task"]');
    await expect(finding).toContainText('belong to no task');
    await expectLessonLink(finding, 'spans/context-propagation', '/docs/go-trace/');
    // Search finds a region by name and selects it.
    await opener.getByRole('searchbox').fill('validate');
    await opener.getByRole('searchbox').press('Enter');
    await expect(opener.locator('.tv-selection')).toContainText('validate');
    watch.expectClean();
  });

  test('a dropped file (DataTransfer) shows its timeline and findings', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(`zh-cn/${OPEN}`);
    const bytes = [...readFileSync('playground/traces/blocking-and-leaks-broken.go1.27.trace')];
    const dataTransfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'blocking.trace', { type: 'application/octet-stream' }));
      return dt;
    }, bytes);
    const zone = page.locator('.trace-opener__drop');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    const opener = page.locator('trace-opener');
    await expect(opener).toHaveAttribute('data-state', 'ready');
    await expect(opener.locator('.tv-finding[data-rule="leak"]')).toContainText('hedgedLeaky');
    // Lesson links keep the page's language.
    await expectLessonLink(opener.locator('.tv-finding[data-rule="leak"]'), 'maturity/path', '/docs/go-trace/zh-cn/');
    watch.expectClean();
  });

  test('a large trace is read by two workers at once and shows what one reading shows', async ({ page }) => {
    const watch = await watchPage(page);
    // Count the workers the page starts to read the trace: those started before it is shown (the Go
    // analyses' worker starts in the background after the timeline's first frame).
    await page.addInitScript(() => {
      const Base = window.Worker;
      const w = window as unknown as { __workers: number; __readers: number };
      w.__workers = 0;
      w.__readers = -1;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          w.__workers++;
        }
      };
      document.addEventListener('trace-opener:ready', () => (w.__readers = w.__workers));
    });
    const file = 'tests/fixtures/analysis/multigen/sched-go1.23.trace';
    const read = async (splitFrom: string | null) => {
      await page.goto(OPEN);
      const opener = page.locator('trace-opener');
      await opener.evaluate((el, v) => (v === null ? delete (el as HTMLElement).dataset.splitFromBytes : ((el as HTMLElement).dataset.splitFromBytes = v)), splitFrom);
      await page.getByLabel('Choose a trace file').setInputFiles(file);
      await expect(opener).toHaveAttribute('data-state', 'ready');
      await expect(opener.locator('.tv-findings')).not.toHaveAttribute('aria-busy', 'true');
      return {
        workers: await page.evaluate(() => (window as unknown as { __readers: number }).__readers),
        about: await opener.locator('.tv-about').textContent(),
        summary: await opener.locator('.tv-sr-only').first().textContent(),
        findings: await opener.locator('.tv-finding').evaluateAll((els) => els.map((e) => e.textContent)),
      };
    };
    const two = await read('1');
    const one = await read(null);
    expect(two.workers).toBe(2);
    expect(one.workers).toBe(1);
    expect(two.about).toBe(one.about);
    expect(two.summary).toBe(one.summary);
    expect(two.findings).toEqual(one.findings);
    watch.expectClean();
  });

  test('a corrupt file shows the reader error, not a blank page', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(OPEN);
    const input = page.getByLabel('Choose a trace file');
    await input.setInputFiles('playground/traces/corrupted-output-broken.go1.27.trace');
    const opener = page.locator('trace-opener');
    await expect(opener).toHaveAttribute('data-state', 'error');
    await expect(opener.getByRole('alert')).toContainText('could not be read');
    await expect(opener.getByRole('alert')).toContainText('No events');

    // Random bytes.
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    await input.setInputFiles({ name: 'random.bin', mimeType: 'application/octet-stream', buffer: random });
    await expect(opener).toHaveAttribute('data-state', 'error');
    await expect(opener.getByRole('alert')).toBeVisible();

    // A trace cut short: the error, the number of events read, and their timeline. Go 1.26+ traces
    // are read a whole generation at a time: this one has two, and the cut falls in the second.
    const whole = readFileSync('playground/traces/flight-recorder-default.go1.27.trace');
    await input.setInputFiles({ name: 'cut.trace', mimeType: 'application/octet-stream', buffer: whole.subarray(0, Math.floor(whole.length * 0.9)) });
    await expect(opener).toHaveAttribute('data-state', /error|ready/);
    const state = await opener.getAttribute('data-state');
    if (state === 'error') await expect(opener.getByRole('alert')).toContainText('events were read before the error');
    await expect(opener.locator('canvas')).toBeVisible();
    await expect(page.locator('main h1')).toBeVisible();
    // The page reports only its own console errors: none is expected from a corrupt file.
    watch.expectClean();
  });

  test('trace text is shown as text, never as HTML', async ({ page }) => {
    const watch = await watchPage(page);
    let dialog = false;
    page.on('dialog', (d) => {
      dialog = true;
      void d.dismiss();
    });
    await page.goto(OPEN);
    await page.getByLabel('Choose a trace file').setInputFiles('tests/fixtures/analysis/xss-log.trace');
    const opener = page.locator('trace-opener');
    await expect(opener).toHaveAttribute('data-state', 'ready');
    await opener.locator('.tv-logs summary').click();
    await expect(opener.locator('.tv-logs')).toContainText('<img src=x onerror=alert(1)>');
    await expect(opener.locator('img')).toHaveCount(0);
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
    // The log in the selection panel, too.
    await opener.locator('.tv-logs li button').first().click();
    await expect(opener.locator('.tv-selection')).toContainText('<img src=x onerror=alert(1)>');
    await opener.getByRole('searchbox').fill('<script>');
    await opener.getByRole('searchbox').press('Enter');
    await expect(opener.locator('.tv-selection')).toContainText('<script>alert(2)</script>');
    await expect(opener.locator('.trace-opener__viewer script')).toHaveCount(0);
    expect(dialog).toBe(false);
    watch.expectClean();
  });

  test('works from the keyboard alone', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(OPEN);
    const input = page.getByLabel('Choose a trace file');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await input.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    // The file chooser opens from the keyboard (Space, or Enter: a loaded machine can drop the first).
    let chooser = null;
    for (const key of ['Space', 'Enter', 'Space']) {
      const waiting = page.waitForEvent('filechooser', { timeout: 8_000 }).catch(() => null);
      await input.focus();
      await page.keyboard.press(key);
      chooser = await waiting;
      if (chooser) break;
    }
    expect(chooser, 'the file chooser did not open from the keyboard').not.toBeNull();
    await chooser!.setFiles('playground/traces/lost-context-broken.go1.27.trace');
    const opener = page.locator('trace-opener');
    await expect(opener).toHaveAttribute('data-state', 'ready');
    // Tab onwards reaches the viewer's controls and the timeline.
    let onStage = false;
    for (let i = 0; i < 30 && !onStage; i++) {
      await page.keyboard.press('Tab');
      onStage = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'application');
    }
    expect(onStage).toBe(true);
    const before = await num(page, 'trace-opener .tv', 'data-window-end');
    await page.keyboard.press('+');
    expect(await num(page, 'trace-opener .tv', 'data-window-end')).toBeLessThan(before);
    watch.expectClean();
  });
});

test('an old-format trace (Go 1.21) opens and says which Go wrote it', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(OPEN);
  await page.getByLabel('Choose a trace file').setInputFiles('tests/fixtures/go-trace-testdata/v1/user_task_region_1_21_good.trace');
  const opener = page.locator('trace-opener');
  await expect(opener).toHaveAttribute('data-state', 'ready');
  await expect(opener.locator('canvas').first()).toBeVisible();
  await expect(opener.locator('.tv-about')).toContainText('written by Go 1.21');
  watch.expectClean();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the zoom buttons stay on one row', async ({ page }) => {
    await page.goto(LESSON);
    const viewer = await readyViewer(page);
    const tops = await viewer.locator('.tv-zoom button').evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(tops).toHaveLength(3);
    expect(new Set(tops).size).toBe(1);
  });

  test('Enter on the timeline selects what is under the playhead, and its details scroll into view', async ({ page }) => {
    const watch = await watchPage(page);
    await page.goto(LESSON);
    const viewer = await readyViewer(page);
    const scrubber = viewer.getByRole('slider', { name: 'Playhead position' });
    const max = Number(await scrubber.getAttribute('max'));
    await scrubber.fill(String(Math.round(max * 0.5)));
    const stage = viewer.getByRole('application');
    await stage.focus();
    await stage.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect(viewer.locator('.tv-selection dl')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(viewer.locator('.tv-selection dl')).toHaveCount(1);
    await expect(viewer.locator('.tv-selection')).toBeInViewport();
    await expect(stage).toBeFocused();
    watch.expectClean();
  });

  test('a click on an interval brings its details into view', async ({ page }) => {
    await page.goto(LESSON);
    const viewer = await readyViewer(page);
    const stage = viewer.getByRole('application');
    await stage.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const box = (await stage.boundingBox())!;
    let selected = false;
    for (const fx of [0.3, 0.5, 0.7, 0.9]) {
      await page.mouse.click(box.x + 150 + (box.width - 150) * fx, box.y + 22 + 9);
      if ((await viewer.locator('.tv-selection dl').count()) > 0) {
        selected = true;
        break;
      }
    }
    expect(selected).toBe(true);
    await expect(viewer.locator('.tv-selection')).toBeInViewport();
  });
});

test.describe('open a trace: files that are not a readable trace are named', () => {
  const cases = [
    { name: 'empty.trace', buffer: Buffer.alloc(0), en: /empty\.trace is empty \(0 bytes\)/, zh: /empty\.trace 是空文件/, kind: 'empty' },
    {
      // What Go 1.22-1.25 leave when the program exits before trace.Stop: the header and nothing more.
      name: 'trace.out',
      buffer: Buffer.concat([Buffer.from('go 1.23 trace'), Buffer.alloc(3)]),
      en: /trace\.out holds the start of a Go 1\.23 trace and no events: the program exited before trace\.Stop ran/,
      zh: /trace\.out 只有 Go 1\.23 trace 的开头部分，没有任何事件.*trace\.Stop 执行之前就退出了/,
      kind: 'header-only',
    },
    {
      name: 'diagram.png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077533d', 'hex'),
      en: /diagram\.png is not a Go execution trace: it is a PNG image/,
      zh: /diagram\.png 不是 Go 执行 trace：这是一张 PNG 图片/,
      kind: 'not-trace',
    },
    { name: 'server.log', buffer: Buffer.from('2026/01/02 12:00:00 listening on :8080\n'), en: /server\.log is not a Go execution trace: it is a text file/, zh: /server\.log 不是 Go 执行 trace：这是一个文本文件/, kind: 'not-trace' },
  ];
  for (const prefix of ['', 'zh-cn/']) {
    test(`in ${prefix ? 'Chinese' : 'English'}, with a link to the lesson`, async ({ page }) => {
      const watch = await watchPage(page);
      const loaded: string[] = [];
      page.on('request', (r) => loaded.push(r.url()));
      await page.goto(`${prefix}${OPEN}`);
      const opener = page.locator('trace-opener');
      for (const c of cases) {
        await opener.locator('input[type="file"]').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
        await expect(opener).toHaveAttribute('data-file-kind', c.kind);
        await expect(opener.getByRole('alert')).toContainText(prefix ? c.zh : c.en);
        const link = opener.getByRole('alert').getByRole('link');
        if (lessonFile(siteRoot, 'principles/capturing-and-opening')) {
          await expect(link).toHaveAttribute('href', new RegExp(`/docs/go-trace/${prefix}principles/capturing-and-opening/${c.kind === 'header-only' ? '#.+' : ''}$`));
        }
      }
      // None of these needed the reader.
      expect(loaded.filter((u) => /load\.[\w-]+\.js|worker/.test(u))).toEqual([]);
      watch.expectClean();
    });

    // Go 1.26+ write the first generation's clock batch at trace.Start: a program that exits before
    // trace.Stop leaves 67 bytes, which read without an error and hold no event. The reader decides.
    test(`in ${prefix ? 'Chinese' : 'English'}, Go 1.27's stub of a program that exited before trace.Stop`, async ({ page }) => {
      const watch = await watchPage(page);
      await page.goto(`${prefix}${OPEN}`);
      const opener = page.locator('trace-opener');
      const buffer = readFileSync('playground/traces/exit-without-stop-broken.go1.27.trace');
      await opener.locator('input[type="file"]').setInputFiles({ name: 'trace.out', mimeType: 'application/octet-stream', buffer });
      await expect(opener).toHaveAttribute('data-file-kind', 'header-only');
      await expect(opener.getByRole('alert')).toContainText(
        prefix ? /trace\.out 只有 Go 1\.26 trace 的开头部分，没有任何事件/ : /trace\.out holds the start of a Go 1\.26 trace and no events: the program exited before trace\.Stop ran/,
      );
      await expect(opener.locator('canvas')).toHaveCount(0);
      watch.expectClean();
    });
  }
});

test('a trace recorded in WebAssembly: its stop-the-world finding is said to be expected there', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(OPEN);
  await page.getByLabel('Choose a trace file').setInputFiles('tests/fixtures/analysis/wasm-anatomy.go1.23.trace');
  const opener = page.locator('trace-opener');
  await expect(opener).toHaveAttribute('data-state', 'ready');
  await expect(opener.locator('.tv-runtime-note')).toContainText('WebAssembly build (as the guide\'s scenarios run in your browser), which runs Go on one thread');
  const finding = opener.locator('.tv-finding[data-rule="long-stw"]');
  await expect(finding).toHaveAttribute('data-expected', 'wasm');
  await expect(finding).toContainText('(expected in WebAssembly)');
  await expect(finding.locator('.tv-badge')).toHaveText('info');
  // A native trace gets no such note.
  await page.getByLabel('Choose a trace file').setInputFiles('playground/traces/anatomy-default.go1.27.trace');
  await expect(opener.locator('.tv-findings')).not.toHaveAttribute('aria-busy', 'true');
  await expect(opener.locator('.tv-runtime-note')).toHaveCount(0);
  watch.expectClean();
});

/**
 * Lesson quizzes (src/components/quiz) in the built site: grading, retrying only what was wrong,
 * progress that survives a reload, unreadable saves kept for download, keyboard-only use, a predict-the-trace
 * question checked against the recorded trace parsed in the browser, checklist anchors in both
 * languages, and the progress page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EventKind, Reader } from '../src/trace/index.ts';
import { watchPage } from './site.ts';

const KEY = 'go-trace-field-guide:quiz:';
const LESSONS = ['principles/how-the-tracer-works', 'principles/capturing-and-opening', 'principles/version-history'];

/** GC cycles of a recorded trace, counted with the guide's own reader ("GC concurrent mark phase" ranges). */
function gcCycles(file: string): number {
  let n = 0;
  for (const ev of new Reader(new Uint8Array(readFileSync(`playground/traces/${file}`)))) {
    if (ev.kind() === EventKind.RangeBegin && ev.range().name === 'GC concurrent mark phase') n++;
  }
  return n;
}

const question = (page: Page, id: string) => page.locator(`fieldset.quiz__question[data-qid="${id}"]`);
const option = (q: Locator, i: number) => q.locator(`.quiz__option[data-option="${i}"] input`);
const quiz = (page: Page) => page.locator('quiz-box');

test('a wrong answer can be retried alone, then answered right; explanations follow each answer', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto('principles/version-history/');
  const cheaper = question(page, 'cheaper-tracing');
  const otel = question(page, 'otel-and-runtime-trace');

  await option(cheaper, 1).check(); // Go 1.21, frame pointers: right
  await option(otel, 0).check(); // only one of the two right options: wrong
  await quiz(page).locator('[data-action="check"]').click();

  await expect(cheaper).toHaveAttribute('data-state', 'right');
  await expect(otel).toHaveAttribute('data-state', 'wrong');
  await expect(quiz(page).locator('[data-role="summary"]')).toContainText('1 of 2 correct');
  // The right answer's explanations are all shown; the wrong one explains only what was chosen.
  await expect(cheaper.locator('[data-role="explain"]:visible')).toHaveCount(3);
  await expect(otel.locator('[data-role="explain"]:visible')).toHaveCount(1);
  await expect(otel.locator('.quiz__option[data-option="0"] [data-role="mark"]')).toHaveText('✓ right');

  await quiz(page).locator('[data-action="retry"]').click();
  await expect(cheaper).toHaveAttribute('data-state', 'right');
  await expect(option(cheaper, 1)).toBeDisabled();
  await expect(option(cheaper, 1)).toBeChecked();
  await expect(otel).toHaveAttribute('data-state', 'open');
  await expect(option(otel, 0)).toBeEnabled();
  await expect(option(otel, 0)).not.toBeChecked();
  await expect(otel.locator('[data-role="explain"]:visible')).toHaveCount(0);

  await option(otel, 0).check();
  await option(otel, 2).check();
  await quiz(page).locator('[data-action="check"]').click();
  await expect(otel).toHaveAttribute('data-state', 'right');
  await expect(quiz(page).locator('[data-role="summary"]')).toHaveText('All correct.');
  await expect(quiz(page).locator('[data-action="retry"]')).toBeHidden();
  watch.expectClean();
});

test('answers and checklist ticks survive a reload', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto('principles/version-history/');
  const cheaper = question(page, 'cheaper-tracing');
  await option(cheaper, 0).check(); // wrong
  await quiz(page).locator('[data-action="check"]').click();
  await expect(cheaper).toHaveAttribute('data-state', 'wrong');
  const checklist = page.locator('fieldset.quiz__checklist input[type="checkbox"]');
  await checklist.nth(0).check();
  await checklist.nth(2).check();
  await expect(page.locator('[data-role="checklist-status"]')).toHaveText('2 of 6 confirmed.');

  await page.reload();
  await expect(cheaper).toHaveAttribute('data-state', 'wrong');
  await expect(option(cheaper, 0)).toBeChecked();
  await expect(option(cheaper, 0)).toBeDisabled();
  await expect(question(page, 'otel-and-runtime-trace')).toHaveAttribute('data-state', 'open');
  await expect(checklist.nth(0)).toBeChecked();
  await expect(checklist.nth(1)).not.toBeChecked();
  await expect(checklist.nth(2)).toBeChecked();
  await expect(quiz(page).locator('[data-action="retry"]')).toBeVisible();
  watch.expectClean();
});

test('garbage, foreign or outdated saves are kept aside and offered for download, and the quiz still works', async ({ page }) => {
  const watch = await watchPage(page);
  await page.addInitScript((key) => {
    // Init scripts run on every navigation: seed the garbage once per tab.
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(`${key}principles/version-history`, '{"v":1,"lesson":');
    localStorage.setItem(`${key}principles/capturing-and-opening`, JSON.stringify({ v: 1, lesson: 'principles/capturing-and-opening', hash: 'old', answers: {}, checklist: ['x'], totals: { questions: 1, checklist: 1 } }));
    localStorage.setItem(`${key}principles/how-the-tracer-works`, JSON.stringify([1, 2, 3]));
    localStorage.setItem(`${key}tools/progress`, 'null');
  }, KEY);
  await page.goto('principles/version-history/');
  const notice = quiz(page).locator('.fg-kept');
  await expect(notice).toContainText('Something saved in this browser for this quiz could not be used as it was');
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the saved text' }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"v":1,"lesson":');
  const cheaper = question(page, 'cheaper-tracing');
  await expect(cheaper).toHaveAttribute('data-state', 'open');
  await option(cheaper, 1).check();
  await quiz(page).locator('[data-action="check"]').click();
  await expect(cheaper).toHaveAttribute('data-state', 'right');
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(`${k}principles/version-history`) ?? 'null'), KEY);
  expect(stored.answers['cheaper-tracing']).toEqual({ ok: true, choices: [1] });
  // The unreadable text was not overwritten without a word: it is kept under a key of its own.
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('go-trace-field-guide:unreadable:')).map(([, v]) => v));
  expect(kept).toContain('{"v":1,"lesson":');

  // A save of an older version of the quiz is kept aside too, not dropped.
  await page.goto('principles/capturing-and-opening/');
  await expect(quiz(page).locator('.fg-kept')).toBeVisible();
  await expect(page.locator('fieldset.quiz__checklist input:checked')).toHaveCount(0);
  await page.goto('tools/progress/');
  await expect(page.locator('tr[data-lesson="principles/version-history"] [data-cell="correct"]')).toHaveText('1 / 2');
  watch.expectClean();
});

test('a quiz can be answered with the keyboard alone', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto('principles/version-history/');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.closest('fieldset')?.getAttribute('data-qid') ?? ''}:${el.tagName}:${el.type}:${el.value}` : '';
  });
  // Tab from the checklist's last "Why?" link into the questions.
  await page.locator('fieldset.quiz__checklist a.quiz__why').last().focus();
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('cheaper-tracing:INPUT:radio:0');
  await page.keyboard.press('ArrowDown'); // selects option 1
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('otel-and-runtime-trace:INPUT:checkbox:0');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('otel-and-runtime-trace:INPUT:checkbox:2');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // past the fourth option
  await page.keyboard.press('Tab');
  expect(await focused()).toBe(':BUTTON:submit:');
  await page.keyboard.press('Enter');
  await expect(question(page, 'cheaper-tracing')).toHaveAttribute('data-state', 'right');
  await expect(question(page, 'otel-and-runtime-trace')).toHaveAttribute('data-state', 'right');
  // The Check button is gone; focus stays in the quiz instead of falling back to the page.
  expect(await page.evaluate(() => !!document.activeElement?.closest('quiz-box'))).toBe(true);

  // The checklist too: Space ticks the focused box.
  await page.locator('fieldset.quiz__checklist input').first().focus();
  await page.keyboard.press('Space');
  await expect(page.locator('fieldset.quiz__checklist input').first()).toBeChecked();
  await expect(page.locator('[data-role="checklist-status"]')).toHaveText('1 of 6 confirmed.');
  watch.expectClean();
});

test('a predict-the-trace answer is checked against the recorded trace, parsed in the browser', async ({ page }) => {
  const watch = await watchPage(page);
  const traceRequests: string[] = [];
  const predictChunks: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/traces/')) traceRequests.push(r.url());
    if (/\/_astro\/predict\.[\w-]+\.js$/.test(r.url())) predictChunks.push(r.url());
  });
  await page.goto('principles/how-the-tracer-works/');
  const q = question(page, 'anatomy-gc-count');
  await q.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  // The lesson's trace viewer may fetch the same file once visible; the quiz must not fetch before Check.
  const before = traceRequests.length;
  expect(predictChunks, 'the predict-the-trace code loads only when a question is checked').toEqual([]);

  const truth = gcCycles('anatomy-default.go1.27.trace');
  expect(truth).toBeGreaterThan(0);
  await q.locator('input[type="number"]').fill(String(truth + 1));
  await quiz(page).locator('[data-action="check"]').click();
  await expect(q).toHaveAttribute('data-state', 'wrong', { timeout: 20_000 });
  expect(predictChunks).toHaveLength(1);
  expect(traceRequests.length).toBeGreaterThan(before);
  // A wrong number is explained: how the answer is counted from the trace.
  await expect(q.locator('[data-role="explain"]')).toBeVisible();
  await expect(q.locator('[data-role="explain"]')).toContainText('GC concurrent mark phase');

  await quiz(page).locator('[data-action="retry"]').click();
  await q.locator('input[type="number"]').fill(String(truth));
  await q.locator('input[type="number"]').press('Enter');
  await expect(q).toHaveAttribute('data-state', 'right', { timeout: 20_000 });
  await expect(q.locator('[data-role="explain"]')).toBeVisible();
  await expect(q.locator('[data-role="answer"]')).toHaveText(String(truth));

  // The choice kind on the same trace: "11 or more" stop-the-world pauses.
  const stw = question(page, 'anatomy-stw-count');
  await option(stw, 2).check();
  await quiz(page).locator('[data-action="check"]').click();
  await expect(stw).toHaveAttribute('data-state', 'right', { timeout: 20_000 });
  await expect(stw.locator('.quiz__option[data-option="2"] [data-role="answer"]')).toHaveText(/^\d+$/);
  watch.expectClean();
});

test('an incomplete trace is recognised as incomplete; Show answers reveals the computed answer', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto('principles/capturing-and-opening/');
  const q = question(page, 'exit-without-stop-complete');
  await option(q, 1).check(); // "No, it is cut short"
  await quiz(page).locator('[data-action="check"]').click();
  await expect(q).toHaveAttribute('data-state', 'right', { timeout: 20_000 });

  await quiz(page).locator('[data-action="show"]').click();
  const other = question(page, 'defer-order');
  await expect(other).toHaveAttribute('data-state', 'shown');
  await expect(other.locator('.quiz__option[data-option="1"]')).toHaveAttribute('data-mark', 'answer');
  await expect(other.locator('[data-role="explain"]:visible')).toHaveCount(3);
  await expect(quiz(page).locator('[data-action="show"]')).toBeHidden();
  watch.expectClean();
});

for (const [locale, prefix] of [
  ['en', ''],
  ['zh-CN', 'zh-cn/'],
] as const) {
  test(`${locale}: every checklist "why" link points at a heading of its lesson`, async ({ page }) => {
    const watch = await watchPage(page);
    for (const lesson of LESSONS) {
      await page.goto(`${prefix}${lesson}/`);
      const links = page.locator('fieldset.quiz__checklist a.quiz__why');
      expect(await links.count(), lesson).toBeGreaterThan(0);
      const missing = await links.evaluateAll((as) =>
        as
          .map((a) => decodeURIComponent((a as HTMLAnchorElement).hash.slice(1)))
          .filter((id) => !/^H[2-6]$/.test(document.getElementById(id)?.tagName ?? '')),
      );
      expect(missing, `${prefix}${lesson}`).toEqual([]);
    }
    // Following one lands on its heading.
    const first = page.locator('fieldset.quiz__checklist a.quiz__why').first();
    const id = decodeURIComponent(await first.evaluate((a) => (a as HTMLAnchorElement).hash.slice(1)));
    await first.click();
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
    watch.expectClean();
  });
}

test('the progress page adds up answers and checklists, and resets after a confirmation', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto('principles/version-history/');
  await option(question(page, 'cheaper-tracing'), 1).check();
  await option(question(page, 'otel-and-runtime-trace'), 1).check(); // wrong
  await quiz(page).locator('[data-action="check"]').click();
  await expect(question(page, 'otel-and-runtime-trace')).toHaveAttribute('data-state', 'wrong');
  for (const box of await page.locator('fieldset.quiz__checklist input').all()) await box.check();

  await page.goto('principles/how-the-tracer-works/');
  await page.locator('fieldset.quiz__checklist input').first().check();

  await page.goto('tools/progress/');
  await expect(page.locator('h1')).toHaveText('Your progress');
  const row = page.locator('tr[data-lesson="principles/version-history"]');
  await expect(row.locator('[data-cell="answered"]')).toHaveText('2 / 2');
  await expect(row.locator('[data-cell="correct"]')).toHaveText('1 / 2');
  await expect(row.locator('[data-cell="checklist"]')).toHaveText('6 / 6');
  await expect(page.locator('tr[data-lesson="principles/how-the-tracer-works"] [data-cell="checklist"]')).toHaveText('1 / 5');
  const chapter = page.locator('tr[data-total="principles"]');
  await expect(chapter.locator('[data-cell="answered"]')).toHaveText(/^2 \/ \d+$/);
  await expect(chapter.locator('[data-cell="checklist"]')).toHaveText(/^7 \/ \d+$/);
  const overall = page.locator('[data-overall]');
  await expect(overall.locator('[data-cell="correct"]')).toHaveText(/^1 \/ \d+$/);
  // One checklist (1.3's) is complete, out of every lesson that has one.
  const checklists = readdirSync('content/docs', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.quiz.yaml') && /type:\s*checklist/.test(readFileSync(`content/docs/${f}`, 'utf8'))).length;
  await expect(overall.locator('[data-cell="checklists"]')).toHaveText(`1 / ${checklists}`);

  // Reset asks first; Cancel keeps everything.
  await page.locator('[data-action="reset"]').click();
  await expect(page.locator('[data-action="cancel"]')).toBeFocused();
  await page.locator('[data-action="cancel"]').click();
  await expect(row.locator('[data-cell="answered"]')).toHaveText('2 / 2');
  await page.locator('[data-action="reset"]').click();
  await page.locator('[data-action="confirm"]').click();
  await expect(row.locator('[data-cell="answered"]')).toHaveText('0 / 2');
  await expect(overall.locator('[data-cell="checklists"]')).toHaveText(`0 / ${checklists}`);
  await expect(page.locator('.quiz-progress [data-role="status"]')).toHaveText('Progress erased.');
  expect(await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(k)), KEY)).toEqual([]);

  await page.goto('zh-cn/tools/progress/');
  await expect(page.locator('h1')).toHaveText('学习进度');
  await expect(page.locator('tr[data-lesson="principles/version-history"] [data-cell="answered"]')).toHaveText('0 / 2');
  watch.expectClean();
});

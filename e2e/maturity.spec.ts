/**
 * The tracing maturity self-assessment (lesson 5.2) in a real browser, served by nginx with the strict
 * CSP: answer it (partly with the keyboard only), get a stage, export JSON and read it back into the
 * team view, restore answers from a share link, survive garbage in localStorage, print without the
 * controls, in both languages, with no console errors and no outside requests.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './site.ts';
import { lessonFile, siteRoot } from '../src/site/outline.ts';

const PATH = 'maturity/self-assessment/';

/** Answers every question with its best option ("yes" / "all services"), by clicking. */
async function answerAllBest(page: Page) {
  const questions = page.locator('fieldset.maturity__question');
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    // The options are in order of value; the last before "don't know" and "not applicable" is the best.
    const labels = questions.nth(i).locator('.maturity__options label:not(.maturity__aside)');
    await labels.last().click();
  }
  return n;
}

const headline = (page: Page) => page.locator('.maturity__headline');

test('answer with the keyboard and the mouse, reach a stage, export JSON and read it into the team view', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(PATH);
  await expect(page.locator('h1')).toHaveText('5.2 Tracing maturity self-assessment');
  await expect(headline(page)).toContainText('Stage 0 of 3');

  // Keyboard only for the first question: Tab into the radio group, arrows move and select.
  const first = page.locator('fieldset.maturity__question').first();
  await first.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('ArrowRight'); // "Partly"
  await page.keyboard.press('ArrowRight'); // "Yes"
  await expect(first.locator('input[value="yes"]')).toBeChecked();
  // Tab moves to the next radio group (then on through the lesson link).
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).not.toHaveAttribute('name', 'q-cap-on-demand');

  const n = await answerAllBest(page);
  expect(n).toBeGreaterThanOrEqual(15);
  await expect(page.locator('.maturity__count')).toHaveText(`${n} of ${n} answered`);
  await expect(headline(page)).toHaveAttribute('data-stage', '3');
  await expect(headline(page)).toContainText('10.0 / 10');

  // One "don't know" on an essential stage-1 question drops the team to stage 0, and becomes a blocker.
  await page.locator('#q-saf-private-pprof label.maturity__aside').first().click();
  await expect(headline(page)).toHaveAttribute('data-stage', '0');
  await expect(page.locator('.maturity__blockers li')).toHaveCount(1);
  await expect(page.locator('.maturity__recs li').first()).toHaveAttribute('data-question', 'saf-private-pprof');
  await expect(page.locator('.maturity__recs li').first().locator('a')).toHaveAttribute('href', /\/docs\/go-trace\/principles\/capturing-and-opening\/$/);
  // The dimension table and the SVG chart are there.
  await expect(page.locator('.maturity__results-body table tbody tr')).toHaveCount(7);
  await expect(page.locator('.maturity__results-body svg[role="img"] rect.chart-bar')).toHaveCount(7);

  // Lessons are linked once published, and named, not linked, before.
  const lesson = page.locator('#q-cap-hindsight .maturity__lesson');
  if (lessonFile(siteRoot, 'init/late-start')) {
    await expect(lesson.locator('a')).toHaveAttribute('href', /\/docs\/go-trace\/init\/late-start\/$/);
  } else {
    await expect(lesson).toContainText('Lesson 2.2 (coming soon)');
    await expect(lesson.locator('a')).toHaveCount(0);
  }

  // Export JSON: a Blob URL download.
  await page.locator('input[name="member"]').fill('Ada');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tracing-maturity-Ada-\d{4}-\d\d-\d\d\.json$/);
  const path = await download.path();
  const exported = JSON.parse(readFileSync(path, 'utf8'));
  expect(exported.kind).toBe('go-trace-field-guide/maturity');
  expect(exported.answers['saf-private-pprof']).toBe('dont-know');
  expect(exported.result.stage).toBe(0);

  // Markdown too.
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(readFileSync(await md.path(), 'utf8')).toMatch(/^# Tracing maturity self-assessment/);

  // Team view: Ada's file, and Bob's, who sees capture very differently.
  await page.locator('input[name="team-files"]').setInputFiles([{ name: 'ada.json', mimeType: 'application/json', buffer: readFileSync(path) }, { name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, name: 'Bob', answers: { ...exported.answers, 'cap-on-demand': 'no', 'cap-clean-exit': 'no', 'cap-hindsight': 'none', 'cap-archive': 'partly' } })) }]);
  await expect(page.locator('.maturity__team-count')).toHaveAttribute('data-members', '2');
  await expect(page.locator('.maturity__team-status')).toContainText('Added Ada.');
  await expect(page.locator('.maturity__team-body svg[role="img"] circle.chart-dot')).toHaveCount(14);
  await expect(page.locator('.maturity__disagreements li[data-question="cap-on-demand"]')).toBeVisible();
  await expect(page.locator('.maturity__team-body tr[data-dimension="capture"]')).toContainText('disagree');

  // Garbage pasted is refused with a message, and nothing is added.
  await page.locator('#maturity-team-paste').fill('{"hello": 1}');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('.maturity__team-status')).toContainText('not an export');
  await expect(page.locator('.maturity__team-count')).toHaveAttribute('data-members', '2');

  // History: save, and it shows in the table.
  await page.getByRole('button', { name: 'Save to history' }).click();
  await expect(page.locator('.maturity__history-body tbody tr')).toHaveCount(1);
  watch.expectClean();
});

test('a share link restores the answers in a fresh page', async ({ page, browser }) => {
  const watch = await watchPage(page);
  await page.goto(PATH);
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await page.locator('#q-exp-tls input[value="partly"]').check();
  await page.locator('#q-gov-ci input[value="not-applicable"]').check();
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const link = await page.locator('#maturity-share-link').inputValue();
  expect(link).toMatch(/#maturity=\d+\.[0-9un-]+$/);
  watch.expectClean();

  // A new context: no localStorage from the first page.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const watchFresh = await watchPage(fresh);
  await fresh.goto(link);
  await expect(fresh.locator('.maturity__status')).toContainText('restored from the shared link');
  await expect(fresh.locator('#q-cap-on-demand input[value="yes"]')).toBeChecked();
  await expect(fresh.locator('#q-exp-tls input[value="partly"]')).toBeChecked();
  await expect(fresh.locator('#q-gov-ci input[value="not-applicable"]')).toBeChecked();
  await expect(fresh.locator('.maturity__count')).toContainText('3 of');
  // The fragment is removed once read; the answers stay (in this browser).
  await expect.poll(() => fresh.evaluate(() => location.hash)).toBe('');
  await fresh.reload();
  await expect(fresh.locator('#q-exp-tls input[value="partly"]')).toBeChecked();

  // A damaged link changes nothing and says so.
  await fresh.goto(link.replace(/#maturity=\d+/, '#maturity=999'));
  await expect(fresh.locator('.maturity__status')).toContainText('could not be read');
  await expect(fresh.locator('#q-exp-tls input[value="partly"]')).toBeChecked();
  watchFresh.expectClean();
  await context.close();
});

test('garbage in localStorage does not break the page', async ({ page }) => {
  const watch = await watchPage(page);
  await page.addInitScript(() => {
    localStorage.setItem('go-trace-field-guide:maturity:answers', '{"cap-on-demand": 42, "nope": "yes", ');
    localStorage.setItem('go-trace-field-guide:maturity:history', '[{"date":"never"}, 7, {"x":');
    localStorage.setItem('go-trace-field-guide:quiz:principles/capturing-and-opening', 'not json at all');
  });
  await page.goto(PATH);
  await expect(page.locator('.maturity__count')).toContainText('0 of');
  await expect(page.locator('.maturity__history-body')).toContainText('No saved results yet');
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await expect(page.locator('.maturity__count')).toContainText('1 of');
  watch.expectClean();
});

test('a finished lesson checklist is shown beside its question, without answering it', async ({ page }) => {
  await page.addInitScript(() => {
    const stored = { v: 1, lesson: 'principles/capturing-and-opening', hash: 'x', answers: {}, checklist: ['a', 'b'], totals: { questions: 0, checklist: 2 } };
    localStorage.setItem('go-trace-field-guide:quiz:principles/capturing-and-opening', JSON.stringify(stored));
  });
  await page.goto(PATH);
  const note = page.locator('#q-cap-on-demand .maturity__checklist');
  await expect(note).toBeVisible();
  await expect(note).toContainText('You finished the 1.2 checklist');
  await expect(page.locator('#q-cap-on-demand input:checked')).toHaveCount(0);
});

test('the Chinese page loads with its own words and no console errors', async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(`zh-cn/${PATH}`);
  await expect(page.locator('h1')).toHaveText('5.2 跟踪成熟度自评');
  await expect(page.locator('#q-cap-on-demand legend')).toContainText('15 分钟');
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await expect(headline(page)).toContainText('总分');
  await expect(page.locator('#q-cap-on-demand .maturity__lesson a')).toHaveAttribute('href', /\/docs\/go-trace\/zh-cn\/principles\/capturing-and-opening\/$/);
  await page.waitForLoadState('networkidle');
  watch.expectClean();
});

test('the print stylesheet hides the controls and keeps the results', async ({ page }) => {
  await page.goto(PATH);
  await page.locator('#q-cap-on-demand input[value="partly"]').check();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.maturity__form')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeHidden();
  await expect(page.locator('input[name="team-files"]')).toBeHidden();
  await expect(page.locator('.maturity__results')).toBeVisible();
  await expect(page.locator('.maturity__recs li').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.maturity__form')).toBeVisible();
});

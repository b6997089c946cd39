/**
 * The tracing maturity self-assessment (lesson 5.2) in a real browser, served by nginx with the strict
 * CSP: answer it (partly with the keyboard only), get a stage, export JSON and read it back into the
 * team view, open a colleague's share link beside one's own answers, clear only after a confirmation,
 * keep the name and team view across reloads, keep unreadable saves for download, print without the
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

test("a share link opens as a colleague's answers in a fresh page, and is imported only when asked", async ({ page, browser }) => {
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
  const colleague = fresh.locator('.maturity__colleague');
  await expect(colleague).toBeVisible();
  await expect(colleague).toContainText("This link carries a colleague's answers to 3 questions");
  await expect(colleague).toContainText('You answered 3 questions differently');
  // Nothing of the reader's changed; the colleague's answer shows beside the question.
  await expect(fresh.locator('.maturity__count')).toContainText('0 of');
  await expect(fresh.locator('#q-exp-tls input:checked')).toHaveCount(0);
  await expect(fresh.locator('#q-exp-tls .maturity__theirs')).toHaveText('Colleague: Partly');
  await colleague.getByRole('button', { name: 'Use their answers…' }).click();
  await expect(colleague.locator('.fg-confirm')).toContainText('You have no saved answers, so nothing of yours is replaced');
  await colleague.getByRole('button', { name: 'Yes, use their answers' }).click();
  await expect(fresh.locator('#q-exp-tls input[value="partly"]')).toBeChecked();
  await expect(fresh.locator('#q-gov-ci input[value="not-applicable"]')).toBeChecked();
  await expect(fresh.locator('.maturity__count')).toContainText('3 of');
  await colleague.getByRole('button', { name: 'Close' }).click();
  await expect(colleague).toBeHidden();
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

test("a colleague's link over saved answers: compared, replaced only after a confirmation that says what, and undone", async ({ page }) => {
  const watch = await watchPage(page);
  await page.goto(PATH);
  await page.locator('#q-cap-on-demand input[value="no"]').check();
  await page.locator('#q-exp-tls input[value="yes"]').check();
  await page.locator('#q-cap-archive input[value="partly"]').check();
  // The colleague: yes to on-demand capture, the same TLS answer, nothing else.
  const shareLink = await page.evaluate(() => {
    const model = JSON.parse(document.querySelector<HTMLElement>('maturity-assessment')!.dataset.model!);
    const chars = model.questions.map((q: { id: string; options: { id: string }[] }) =>
      q.id === 'cap-on-demand' || q.id === 'exp-tls' ? String(q.options.findIndex((o) => o.id === 'yes')) : '-',
    );
    return `${location.pathname}#maturity=${model.version}.${chars.join('').replace(/-+$/, '')}`;
  });
  await page.goto(shareLink);
  const colleague = page.locator('.maturity__colleague');
  await expect(colleague).toBeVisible();
  // Mine are untouched, and the comparison names what differs.
  await expect(page.locator('#q-cap-on-demand input[value="no"]')).toBeChecked();
  await expect(page.locator('.maturity__count')).toContainText('3 of');
  await expect(colleague).toContainText('You answered 2 questions differently');
  await expect(colleague.locator('.maturity__differences li[data-question="cap-on-demand"]')).toContainText('You: No · Colleague: Yes');
  await expect(colleague.locator('.maturity__differences li[data-question="cap-archive"]')).toContainText('Colleague: Not answered');
  await expect(page.locator('#q-cap-on-demand .maturity__theirs')).toHaveAttribute('data-differs', 'true');
  await expect(page.locator('#q-exp-tls .maturity__theirs')).toHaveAttribute('data-differs', 'false');

  // Cancel keeps mine.
  await colleague.getByRole('button', { name: 'Use their answers…' }).click();
  const confirm = colleague.locator('.fg-confirm');
  await expect(confirm).toContainText("Replace your 3 saved answers with your colleague's 2? 2 of yours will be lost; export JSON first to keep them.");
  await expect(confirm.getByRole('button', { name: 'Keep mine' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('#q-cap-on-demand input[value="no"]')).toBeChecked();
  await page.reload();
  await expect(page.locator('#q-cap-on-demand input[value="no"]')).toBeChecked();

  // Yes replaces them, and Undo brings mine back.
  await colleague.getByRole('button', { name: 'Use their answers…' }).click();
  await colleague.getByRole('button', { name: 'Yes, use their answers' }).click();
  await expect(page.locator('#q-cap-on-demand input[value="yes"]')).toBeChecked();
  await expect(page.locator('#q-cap-archive input:checked')).toHaveCount(0);
  await expect(colleague).toContainText('answered every question alike');
  await colleague.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#q-cap-on-demand input[value="no"]')).toBeChecked();
  await expect(page.locator('#q-cap-archive input[value="partly"]')).toBeChecked();
  await page.reload();
  await expect(page.locator('#q-cap-archive input[value="partly"]')).toBeChecked();

  // The colleague joins the team view beside me.
  await colleague.getByRole('button', { name: 'Add them to the team view' }).click();
  await expect(page.locator('.maturity__team-status')).toContainText('Added Colleague (shared link).');
  watch.expectClean();
});

test('"Clear answers" asks first, saying how many', async ({ page }) => {
  await page.goto(PATH);
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await page.locator('#q-exp-tls input[value="partly"]').check();
  const clear = page.getByRole('button', { name: 'Clear answers' });
  await clear.click();
  const confirm = page.locator('.maturity__actions .fg-confirm');
  await expect(confirm).toContainText('Erase all 2 of your answers? This cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(clear).toBeFocused();
  await expect(page.locator('.maturity__count')).toContainText('2 of');
  await clear.click();
  await page.getByRole('button', { name: 'Yes, erase my answers' }).click();
  await expect(page.locator('.maturity__count')).toContainText('0 of');
  await expect(page.locator('.maturity__status')).toHaveText('Answers cleared.');
  await page.reload();
  await expect(page.locator('.maturity__count')).toContainText('0 of');
});

test('the name and the team view survive a reload', async ({ page }) => {
  await page.goto(PATH);
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await page.locator('input[name="member"]').fill('Ada');
  await page.getByRole('button', { name: 'Add my answers' }).click();
  const version = await page.evaluate(() => JSON.parse(document.querySelector<HTMLElement>('maturity-assessment')!.dataset.model!).version);
  await page.locator('#maturity-team-paste').fill(JSON.stringify({ kind: 'go-trace-field-guide/maturity', format: 1, model: version, name: 'Bob', answers: { 'cap-on-demand': 'no' } }));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('.maturity__team-count')).toHaveAttribute('data-members', '2');
  await page.reload();
  await expect(page.locator('input[name="member"]')).toHaveValue('Ada');
  await expect(page.locator('.maturity__team-count')).toHaveAttribute('data-members', '2');
  await expect(page.locator('.maturity__members')).toContainText('Ada');
  await expect(page.locator('.maturity__members')).toContainText('Bob');
  // Removing everyone asks first.
  await page.getByRole('button', { name: 'Remove all' }).click();
  await expect(page.locator('.maturity__team .fg-confirm')).toContainText('Remove all 2 members from the team view?');
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await page.reload();
  await expect(page.locator('.maturity__team-body')).toContainText('No members yet.');
});

test('a save that cannot be read is kept, announced and offered for download; nothing is overwritten without a word', async ({ page }) => {
  const watch = await watchPage(page);
  await page.addInitScript(() => {
    // Once: the page's own saves must not be overwritten by this script on reload.
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('go-trace-field-guide:maturity:answers', '{garbage');
    localStorage.setItem('go-trace-field-guide:maturity:history', '[{"date":"never"}, 7, {"x":');
    localStorage.setItem('go-trace-field-guide:quiz:principles/capturing-and-opening', 'not json at all');
  });
  await page.goto(PATH);
  const notice = page.locator('.maturity__kept [data-kept="answers"]');
  await expect(notice).toContainText('Something saved in this browser for your answers could not be used as it was');
  await expect(page.locator('.maturity__kept [data-kept="history"]')).toBeVisible();
  await expect(page.locator('.maturity__count')).toContainText('0 of');
  await expect(page.locator('.maturity__history-body')).toContainText('No saved results yet');
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the saved text' }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toBe('{garbage');
  expect(download.suggestedFilename()).toMatch(/^maturity-answers-unreadable-.*\.txt$/);

  // Answering saves afresh; the unreadable text stays kept, and is still offered after a reload.
  await page.locator('#q-cap-on-demand input[value="yes"]').check();
  await expect(page.locator('.maturity__count')).toContainText('1 of');
  await page.reload();
  await expect(page.locator('#q-cap-on-demand input[value="yes"]')).toBeChecked();
  await expect(notice).toBeVisible();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('go-trace-field-guide:unreadable:go-trace-field-guide:maturity:answers@'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual(['{garbage']);
  // Discarding it is the reader's choice, and then it is gone.
  await notice.getByRole('button', { name: 'Discard it' }).click();
  await expect(notice).toContainText('Discarded.');
  await page.reload();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('#q-cap-on-demand input[value="yes"]')).toBeChecked();
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

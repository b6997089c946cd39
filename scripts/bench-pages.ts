// Page weight: `npm run bench:pages` (scripts/bench-pages.sh builds and serves the site, then runs this
// with Node 24). Prints figures only; e2e/page-weight.spec.ts holds lessons to the budget.
//
// For every page of dist/, in the light and the dark theme, Debian's chromium loads the page at
// 1280×900 (the widest column, so the most islands in view) and e2e/page-weight.ts counts the
// JavaScript it fetched before anyone touched it, gzipped, and the diagrams drawn on it.
// BENCH_URL overrides http://127.0.0.1:4391/docs/go-trace/; BENCH_PAGES=regex limits the pages.
import { chromium } from '@playwright/test';
import { BUDGET_KB, isLesson, weigh, type Weight } from '../e2e/page-weight.ts';
import { publishedPages } from '../e2e/site.ts';

const URL_BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:4391/docs/go-trace/';
const filter = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : undefined;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const contexts = Object.fromEntries(
  await Promise.all(
    (['light', 'dark'] as const).map(async (theme) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      return [theme, context] as const;
    }),
  ),
);

const kb = (n: number) => (n / 1024).toFixed(1);
const heaviest = (r: { light: Weight; dark: Weight }) => Math.max(r.light.gzip, r.dark.gzip);
const pages = publishedPages().filter((p) => p !== '404/' && (!filter || filter.test(p)));
const rows: { path: string; light: Weight; dark: Weight }[] = [];
console.log(`JavaScript loaded before interaction, gzipped (KB), ${pages.length} pages; lessons marked *, budget ${BUDGET_KB} KB`);
console.log(`${'page'.padEnd(44)} ${'files'.padStart(5)} ${'light'.padStart(7)} ${'dark'.padStart(7)}  diagrams drawn (light, dark)`);
for (const path of pages) {
  const light = await weigh(contexts.light, URL_BASE + path);
  const dark = await weigh(contexts.dark, URL_BASE + path);
  const row = { path, light, dark };
  rows.push(row);
  const over = isLesson(path) && heaviest(row) > BUDGET_KB * 1024 ? '  OVER BUDGET' : '';
  const diagrams = light.diagrams ? `${light.drawn}/${light.diagrams}, ${dark.drawn}/${dark.diagrams}` : '-';
  console.log(`${isLesson(path) ? '*' : ' '}/${path}`.padEnd(44), String(light.files).padStart(5), kb(light.gzip).padStart(7), kb(dark.gzip).padStart(7), ` ${diagrams}${over}`);
}
await browser.close();

const worst = (list: typeof rows) => list.reduce((a, b) => (heaviest(b) > heaviest(a) ? b : a));
const lessonRows = rows.filter((r) => isLesson(r.path));
if (lessonRows.length) {
  const w = worst(lessonRows);
  const over = lessonRows.filter((r) => heaviest(r) > BUDGET_KB * 1024).length;
  const undrawn = lessonRows.filter((r) => r.light.drawn < r.light.diagrams || r.dark.drawn < r.dark.diagrams).length;
  console.log(`\nlessons: ${lessonRows.length}; heaviest /${w.path} ${kb(heaviest(w))} KB; over ${BUDGET_KB} KB: ${over}; with a diagram not drawn: ${undrawn}`);
}
if (rows.length) {
  const w = worst(rows);
  console.log(`all pages: heaviest /${w.path} ${kb(heaviest(w))} KB`);
}

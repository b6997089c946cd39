// Page weight: `npm run bench:pages` (scripts/bench-pages.sh builds and serves the site, then runs this
// with Node 24). Prints figures only; the budget itself is held by e2e/page-weight.spec.ts.
//
// For every page of dist/, in the light and the dark theme, Debian's chromium loads the page at
// 1280×900 (the widest column, so the most islands in view), waits for load, network idle and an idle
// callback, and adds up the JavaScript it fetched before anyone touched it: every script response
// (module chunks, workers) plus the page's inline scripts, each gzipped with zlib at level 6, the figure
// bundlers report. It also counts the diagrams on the page that are drawn (an <svg> in view, not text).
// BENCH_URL overrides http://127.0.0.1:4391/docs/go-trace/; BENCH_PAGES=regex limits the pages.
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from '@playwright/test';
import { publishedPages } from '../e2e/site.ts';
import { publishedLessons, siteRoot } from '../src/site/outline.ts';

const URL_BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:4391/docs/go-trace/';
const BUDGET_KB = 60;
const filter = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : undefined;
const lessons = new Set(publishedLessons(siteRoot).filter((slug) => !slug.startsWith('tools/')));
const isLesson = (path: string) => lessons.has(path.replace(/^zh-cn\//, '').replace(/\/$/, ''));

interface Weight {
  files: number;
  gzip: number;
  diagrams: number;
  drawn: number;
}

const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 6 }).length;

async function weigh(context: BrowserContext, path: string): Promise<Weight> {
  const page = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  // Context-level, so dedicated workers' scripts are counted too.
  const onResponse = (response: import('@playwright/test').Response) => {
    const type = response.headers()['content-type'] ?? '';
    const url = response.url();
    if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(url)) return;
    if (!scripts.has(url)) scripts.set(url, response.body().then(gz, () => 0));
  };
  context.on('response', onResponse);
  await page.goto(URL_BASE + path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2000 })));
  await page.waitForLoadState('networkidle');
  const { inline, diagrams, drawn } = await page.evaluate(() => {
    const inline = [...document.querySelectorAll('script:not([src])')]
      .filter((s) => !/json|text\/plain/.test(s.getAttribute('type') ?? ''))
      .map((s) => s.textContent ?? '')
      .join('\n');
    // Build-time diagrams (figure.diagram) and the former runtime ones (pre.mermaid).
    const boxes = [...document.querySelectorAll('figure.diagram, pre.mermaid')];
    const drawn = boxes.filter((b) => [...b.querySelectorAll('svg')].some((svg) => svg.getBoundingClientRect().width > 0)).length;
    return { inline, diagrams: boxes.length, drawn };
  });
  context.off('response', onResponse);
  const sizes = await Promise.all(scripts.values());
  await page.close();
  return {
    files: scripts.size + (inline ? 1 : 0),
    gzip: sizes.reduce((a, b) => a + b, 0) + (inline ? gz(inline) : 0),
    diagrams,
    drawn,
  };
}

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
const pages = publishedPages().filter((p) => p !== '404/' && (!filter || filter.test(p)));
const rows: { path: string; light: Weight; dark: Weight }[] = [];
console.log(`JavaScript loaded before interaction, gzipped (KB), ${pages.length} pages; lessons marked *, budget ${BUDGET_KB} KB`);
console.log(`${'page'.padEnd(44)} ${'files'.padStart(5)} ${'light'.padStart(7)} ${'dark'.padStart(7)}  diagrams drawn (light/dark)`);
for (const path of pages) {
  const light = await weigh(contexts.light, path);
  const dark = await weigh(contexts.dark, path);
  rows.push({ path, light, dark });
  const mark = isLesson(path) ? '*' : ' ';
  const over = isLesson(path) && Math.max(light.gzip, dark.gzip) > BUDGET_KB * 1024 ? '  OVER BUDGET' : '';
  const diagrams = light.diagrams ? `${light.drawn}/${light.diagrams}, ${dark.drawn}/${dark.diagrams}` : '-';
  console.log(`${mark}/${path}`.padEnd(44), String(light.files).padStart(5), kb(light.gzip).padStart(7), kb(dark.gzip).padStart(7), ` ${diagrams}${over}`);
}
await browser.close();

const lessonRows = rows.filter((r) => isLesson(r.path));
const worst = (list: typeof rows) => list.reduce((a, b) => (Math.max(b.light.gzip, b.dark.gzip) > Math.max(a.light.gzip, a.dark.gzip) ? b : a));
if (lessonRows.length) {
  const w = worst(lessonRows);
  const over = lessonRows.filter((r) => Math.max(r.light.gzip, r.dark.gzip) > BUDGET_KB * 1024).length;
  const undrawn = lessonRows.filter((r) => r.light.drawn < r.light.diagrams || r.dark.drawn < r.dark.diagrams).length;
  console.log(`\nlessons: ${lessonRows.length}; heaviest /${w.path} ${kb(Math.max(w.light.gzip, w.dark.gzip))} KB; over ${BUDGET_KB} KB: ${over}; with a diagram not drawn: ${undrawn}`);
}
if (rows.length) {
  const w = worst(rows);
  console.log(`all pages: heaviest /${w.path} ${kb(Math.max(w.light.gzip, w.dark.gzip))} KB`);
}

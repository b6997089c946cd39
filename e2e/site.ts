/** Where the browser tests find the site, and helpers every spec shares. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const SITE_BASE = '/docs/go-trace/';
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4380);
export const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

/** Every page of the build, as a path relative to the base (e.g. `principles/how-the-tracer-works/`). */
export function publishedPages(dist = 'dist'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name === 'index.html') {
        pages.push(dir === dist ? '' : relative(dist, dir).split(sep).join('/') + '/');
      }
    }
  };
  walk(dist);
  return pages.sort();
}

/**
 * Records console errors, uncaught exceptions and any request to another origin (the site must work
 * air-gapped); requests to other origins are aborted so a test never waits on the network.
 */
export async function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(ORIGIN) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  return {
    problems,
    expectClean: () => expect(problems, problems.join('\n')).toEqual([]),
  };
}

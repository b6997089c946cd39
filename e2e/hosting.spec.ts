import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ORIGIN, SITE_BASE, publishedPages } from './site.ts';

// These run against nginx with deploy/nginx's configuration (see playwright.config.ts).

test('nginx sends the security headers, and a CSP that allows only the site itself', async ({ request }) => {
  const res = await request.get('principles/how-the-tracer-works/');
  expect(res.status()).toBe(200);
  const h = res.headers();
  const csp = h['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  // No origin other than 'self' appears anywhere in the policy.
  expect(csp).not.toMatch(/https?:|\*|data:[^;]*script/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['cross-origin-opener-policy']).toBeUndefined();
  expect(h['cross-origin-embedder-policy']).toBeUndefined();
});

test('playground routes alone are cross-origin isolated, in both languages', async ({ request }) => {
  for (const prefix of ['', 'zh-cn/']) {
    const dir = `dist/${prefix}playground/header-probe`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/index.html`, '<!doctype html><title>probe</title>');
    try {
      const res = await request.get(`${prefix}playground/header-probe/`);
      expect(res.status()).toBe(200);
      expect(res.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers()['cross-origin-embedder-policy']).toBe('require-corp');
      expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('the bare host redirects to the base path; unknown paths get the 404 page', async ({ request }) => {
  const root = await request.get(`${ORIGIN}/`, { maxRedirects: 0 });
  expect(root.status()).toBe(302);
  expect(root.headers()['location']).toBe(SITE_BASE);
  const missing = await request.get('no/such/page/');
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain('404');
});

test('under the sub-path build every internal link, script, style and image resolves', async ({ request }) => {
  const seen = new Map<string, number>();
  const broken: string[] = [];
  for (const path of publishedPages()) {
    const pageUrl = new URL(path, `${ORIGIN}${SITE_BASE}`);
    const html = await (await request.get(pageUrl.href)).text();
    for (const m of html.matchAll(/\s(?:href|src)="([^"#]+)/g)) {
      const target = new URL(m[1].replaceAll('&amp;', '&'), pageUrl);
      if (target.origin !== ORIGIN) continue;
      if (!target.pathname.startsWith(SITE_BASE)) broken.push(`${pageUrl.pathname} -> ${target.pathname} (outside the base)`);
      if (!seen.has(target.href)) seen.set(target.href, (await request.get(target.href)).status());
      if (seen.get(target.href) !== 200) broken.push(`${pageUrl.pathname} -> ${target.pathname} (${seen.get(target.href)})`);
    }
  }
  expect(seen.size).toBeGreaterThan(10);
  expect(broken, broken.join('\n')).toEqual([]);
});

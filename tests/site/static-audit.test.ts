import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, outsideReferences } from '../../src/integrations/static-audit.ts';

describe('air-gap audit', () => {
  it('flags resources loaded from another origin', () => {
    const html = `
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">
      <script src="//cdn.example.com/x.js"></script>
      <img srcset="/a.png 1x, https://img.example.com/b.png 2x">
      <link rel="preconnect" href="https://www.googletagmanager.com">`;
    expect(outsideReferences('x.html', html)).toEqual([
      'https://fonts.googleapis.com/css?family=Inter',
      '//cdn.example.com/x.js',
      'https://img.example.com/b.png',
      'https://www.googletagmanager.com',
    ]);
  });

  it('flags CSS urls and imports, and script loads', () => {
    expect(outsideReferences('a.css', `@import "https://x.example/a.css"; b{background:url(https://y.example/i.png)}`))
      .toEqual(['https://x.example/a.css', 'https://y.example/i.png']);
    expect(outsideReferences('a.js', `import("https://esm.sh/x");fetch('https://api.example/t');new Worker("https://w.example/w.js")`))
      .toEqual(['https://esm.sh/x', 'https://api.example/t', 'https://w.example/w.js']);
  });

  it('allows same-origin paths, XML namespaces and outbound citation links', () => {
    const html = `<a href="https://go.dev/doc/go1.22">release notes</a>
      <svg xmlns="http://www.w3.org/2000/svg"><use href="#i"/></svg>
      <script src="/_astro/x.js"></script><link href="../a.css" rel="stylesheet">`;
    expect(outsideReferences('x.html', html)).toEqual([]);
    expect(outsideReferences('x.js', `const s = "https://mermaid.js.org/syntax"; const ns = "http://www.w3.org/1999/xhtml";`)).toEqual([]);
  });
});

describe('CSP hashes', () => {
  it('hashes executable inline scripts only', () => {
    const body = `document.documentElement.dataset.theme='dark'`;
    const expected = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
    const html = `<script>${body}</script><script src="/a.js"></script>
      <script type="application/ld+json">{"a":1}</script><script type="module">${body}</script>`;
    expect(inlineScriptHashes(html)).toEqual([expected, expected]);
  });
});

/**
 * The lessons' diagrams are drawn ahead of time (`npm run diagrams`): every mermaid fence in content/
 * has both current drawings, nothing is left over, and every drawing is fit for the page (no outside
 * references, its own size, 14 px text or larger, ids scoped to it). The check reads files only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_FONT_PX, THEMES, diagramKey, drawingFile, drawingId, drawingsDir, finishSvg, fontSizes, outsideReferences, readDrawings } from '../../src/diagrams/drawing.ts';
import { allFences, fencesIn, langOf } from '../../src/diagrams/fences.ts';

const root = new URL('../../', import.meta.url);
const fences = allFences(root);

describe('diagram drawings', () => {
  it('finds the fences of both languages', () => {
    expect(fences.length).toBeGreaterThan(10);
    expect(fences.some((f) => f.lang === 'zh-CN')).toBe(true);
  });

  it('every mermaid fence has a current drawing in both themes (run `npm run diagrams` if not)', () => {
    const stale = fences.filter((f) => !readDrawings(root, f.key)).map((f) => `${f.file}:${f.line} (${f.source.split('\n')[0]})`);
    expect(stale, `no current drawing; run \`npm run diagrams\`:\n${stale.join('\n')}`).toEqual([]);
  });

  it('no drawing is left over from a fence that changed or went (`npm run diagrams` removes them)', () => {
    const keys = new Set(fences.map((f) => f.key));
    const unused = readdirSync(drawingsDir(root)).filter((n) => n.endsWith('.svg') && !keys.has(n.replace(/-(light|dark)\.svg$/, '')));
    expect(unused).toEqual([]);
  });

  for (const key of new Set(fences.map((f) => f.key))) {
    for (const theme of THEMES) {
      it(`${key} (${theme}) refers to nothing outside itself, keeps its own size and 14 px text`, () => {
        const svg = readFileSync(drawingFile(root, key, theme), 'utf8');
        expect(outsideReferences(svg)).toEqual([]);
        const open = /^<svg\b[^>]*>/.exec(svg)![0];
        expect(open).toContain(`id="${drawingId(key, theme)}"`);
        expect(open).toMatch(/ width="\d+" height="\d+"/);
        expect(open).not.toMatch(/max-width/);
        expect(open).toContain('aria-hidden="true"');
        const sizes = fontSizes(svg.replace(/div\.mermaidTooltip\{[^}]*\}/g, ''));
        expect(sizes.length).toBeGreaterThan(0);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_FONT_PX);
        // Every id in the drawing is its own, so two drawings on a page never collide.
        const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(ids.filter((id) => !id.startsWith(drawingId(key, theme)))).toEqual([]);
      });
    }
  }
});

describe('diagram keys and fences', () => {
  it('a key changes with the text but not with line endings or trailing blanks', () => {
    const a = diagramKey('flowchart LR\n  A --> B\n');
    expect(diagramKey('flowchart LR\r\n  A --> B  \r\n\r\n')).toBe(a);
    expect(diagramKey('flowchart LR\n  A --> C')).not.toBe(a);
    expect(diagramKey('flowchart LR\n  A --> B', '0.0.0')).not.toBe(a);
  });

  it('reads fences as the build does: in MDX, in lists, and not other code', () => {
    const text = [
      "import X from './x.astro';",
      '',
      '- a point',
      '',
      '  ```mermaid',
      '  flowchart LR',
      '    A --> B',
      '  ```',
      '',
      '```go',
      'package main',
      '```',
    ].join('\n');
    expect(fencesIn('x.mdx', text)).toEqual([{ file: 'x.mdx', line: 5, source: 'flowchart LR\n  A --> B' }]);
    expect(langOf('content/docs/zh-cn/init/late-start.mdx')).toBe('zh-CN');
    expect(langOf('content/docs/init/late-start.mdx')).toBe('en');
  });

  it("finishSvg sets the drawing's own size, the page's font, and drops mermaid's own labels", () => {
    const raw =
      '<svg id="x" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 300.5px;" viewBox="-50 -10 300.5 120" role="graphics-document document" aria-roledescription="flowchart-v2">' +
      '<title>t</title><style>#x{font-family:"DejaVu Sans","Noto Sans CJK SC",sans-serif;}</style><text style="font-family: &quot;DejaVu Sans&quot;, &quot;Noto Sans CJK SC&quot;, sans-serif;">A</text></svg>';
    const svg = finishSvg(raw, 'x');
    expect(svg).toMatch(/^<svg id="x" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="-50 -10 300.5 120" width="301" height="120" aria-hidden="true" focusable="false">/);
    expect(svg).not.toContain('<title>');
    expect(svg).toContain('#x{font-family:var(--__sl-font, "DejaVu Sans","Noto Sans CJK SC",sans-serif);}');
    expect(svg).toContain('font-family: var(--__sl-font, &quot;DejaVu Sans&quot;');
    expect(() => finishSvg('<svg id="x"></svg>', 'x')).toThrow(/viewBox/);
    // Ids mermaid left unscoped get the drawing's prefix, and so do their references.
    const ids = finishSvg('<svg id="x" viewBox="0 0 1 1"><g id="actor1"></g><g id="actor10"></g><g id="x-m"></g><use href="#actor1"/><path fill="url(#actor10)"/></svg>', 'x');
    expect(ids).toContain('<g id="x-actor1"></g><g id="x-actor10"></g><g id="x-m"></g><use href="#x-actor1"/><path fill="url(#x-actor10)"/>');
  });

  it('outsideReferences finds links, url() and @import, and allows fragments', () => {
    expect(outsideReferences('<svg><use href="#a"/><path fill="url(#g)"/></svg>')).toEqual([]);
    expect(outsideReferences('<svg><image href="https://x/y.png"/><style>@import "f.css";a{b:url(https://f/x.woff)}</style></svg>')).toEqual([
      'https://x/y.png',
      'url(https://f/x.woff)',
      '@import "f.css"',
    ]);
  });
});

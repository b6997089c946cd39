import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { remarkBaseLinks } from '../../src/plugins/remark-base-links.ts';
import { remarkMermaid } from '../../src/plugins/remark-mermaid.ts';

const tree = (): Root => ({
  type: 'root',
  children: [
    { type: 'code', lang: 'mermaid', value: 'flowchart LR\n  A --> B' },
    { type: 'code', lang: 'go', value: 'package main' },
    {
      type: 'paragraph',
      children: [
        { type: 'link', url: '/principles/how-the-tracer-works/', children: [] },
        { type: 'link', url: 'https://go.dev/', children: [] },
        { type: 'link', url: '//example.com/', children: [] },
        { type: 'link', url: '#anchor', children: [] },
      ],
    },
  ],
});

describe('remark-mermaid', () => {
  it('turns mermaid fences into <pre class="mermaid"> with the source as text, leaving other code alone', () => {
    const t = tree();
    remarkMermaid()(t);
    const [mermaid, go] = t.children as any[];
    expect(mermaid.data).toEqual({
      hName: 'pre',
      hProperties: { className: ['mermaid'], 'data-pagefind-ignore': 'all' },
      hChildren: [{ type: 'text', value: 'flowchart LR\n  A --> B' }],
    });
    expect(go.data).toBeUndefined();
  });
});

describe('remark-base-links', () => {
  const urls = (t: Root) => ((t.children[2] as any).children as any[]).map((l) => l.url);

  it('prefixes root-relative links with the base, once', () => {
    const t = tree();
    remarkBaseLinks({ base: '/docs/go-trace/' })(t);
    remarkBaseLinks({ base: '/docs/go-trace/' })(t);
    expect(urls(t)).toEqual(['/docs/go-trace/principles/how-the-tracer-works/', 'https://go.dev/', '//example.com/', '#anchor']);
  });

  it('leaves links alone at the root base', () => {
    const t = tree();
    remarkBaseLinks({ base: '/' })(t);
    expect(urls(t)[0]).toBe('/principles/how-the-tracer-works/');
  });
});

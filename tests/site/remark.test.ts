import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { allFences } from '../../src/diagrams/fences.ts';
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
  const root = new URL('../../', import.meta.url);
  const [fence] = allFences(root).filter((f) => f.lang === 'zh-CN');
  const run = (source: string, path: string, strict = true) => {
    const t: Root = { type: 'root', children: [{ type: 'code', lang: 'mermaid', value: source, position: { start: { line: 7, column: 1 }, end: { line: 9, column: 1 } } }, { type: 'code', lang: 'go', value: 'package main' }] };
    remarkMermaid({ root, strict })(t, new VFile({ path }));
    return t.children as any[];
  };
  const element = (node: any, tag: string): any[] => (node.type === 'element' && node.tagName === tag ? [node] : []).concat(...(node.children ?? []).map((c: any) => element(c, tag)));

  it('puts both drawings of a fence and its text in a figure, leaving other code alone', () => {
    const [figure, go] = run(fence.source, `/x/${fence.file}`);
    expect(figure.type).toBe('diagram');
    expect(figure.data.hName).toBe('figure');
    expect(figure.data.hProperties).toMatchObject({ className: ['diagram', 'not-content'], 'data-diagram': fence.key });
    const [view, details] = figure.data.hChildren;
    expect(view.properties).toMatchObject({ role: 'region', ariaLabel: '示意图', tabIndex: 0 });
    const svgs = element(view, 'svg');
    expect(svgs.map((svg) => svg.properties.className)).toEqual([['diagram__drawing', 'diagram__drawing--light'], ['diagram__drawing', 'diagram__drawing--dark']]);
    expect(svgs[0].properties.style).toMatch(/^--diagram-width: \d+px$/);
    expect(element(details, 'summary')[0].children[0].value).toBe('示意图的文字版');
    expect(element(details, 'code')[0].children[0].value).toBe(fence.source);
    expect(go.type).toBe('code');
  });

  it('gives a repeated diagram its own ids', () => {
    const t: Root = { type: 'root', children: [0, 1].map(() => ({ type: 'code', lang: 'mermaid', value: fence.source }) as const) };
    remarkMermaid({ root })(t, new VFile({ path: fence.file }));
    const ids = (t.children as any[]).map((f) => element(f.data.hChildren[0], 'svg')[0].properties.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
  });

  it('fails the build on a fence with no current drawing, naming the file, the line and the command', () => {
    expect(() => run('flowchart LR\n  Nobody --> DrewThis', '/x/content/docs/init/late-start.mdx')).toThrow(
      /content\/docs\/init\/late-start\.mdx:7: the diagram “flowchart LR” has no current drawing .*npm run diagrams/,
    );
  });

  it('while writing, shows the text of a fence not drawn yet, and says so', () => {
    const [figure] = run('flowchart LR\n  Nobody --> DrewThis', '/x/content/docs/init/late-start.mdx', false);
    expect(element(figure.data.hChildren[0], 'svg')).toEqual([]);
    expect(element(figure.data.hChildren[0], 'p')[0].children[0].value).toMatch(/npm run diagrams/);
    expect(figure.data.hChildren[1].properties.open).toBe(true);
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

/**
 * Turns each ```mermaid fence into a figure holding its drawings, made ahead of time by
 * `npm run diagrams` (src/diagrams/drawing.ts), before Expressive Code sees the fence.
 *
 * The build only reads files (no browser, no mermaid at build or in the page): the light and the dark
 * drawing are both inlined and CSS shows the one of the current theme, so a diagram is drawn on first
 * paint and follows a theme switch with no script. Both are hidden from assistive technology; the
 * figure keeps the diagram's text, for screen readers and for anyone who wants it, under a summary.
 * A fence without a current drawing fails the build, naming the file, the line and the command.
 */
import { readFileSync } from 'node:fs';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Code, Data, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { diagramKey, drawingId, readDrawings, THEMES, type Theme } from '../diagrams/drawing.ts';
import { langOf } from '../diagrams/fences.ts';
// Brings in the hName/hProperties/hChildren fields that mdast-util-to-hast reads from node data.
import type {} from 'mdast-util-to-hast';

/**
 * What a fence becomes: a node of its own type, which mdast-util-to-hast turns into exactly the element
 * its data names (a `code` node would still be wrapped in a <pre>).
 */
export interface DiagramNode {
  type: 'diagram';
  data: Data;
}
declare module 'mdast' {
  interface RootContentMap {
    diagram: DiagramNode;
  }
}

export interface RemarkMermaidOptions {
  root: URL;
  /** false while writing (`astro dev`): a fence with no drawing shows its text and a warning instead of failing. */
  strict?: boolean;
}

type Strings = { label: string; source: string; stale: string };

function uiStrings(root: URL, lang: 'en' | 'zh-CN'): Strings {
  const read = (l: string): Record<string, string> => JSON.parse(readFileSync(new URL(`content/i18n/${l}.json`, root), 'utf8'));
  const en = read('en');
  const own = lang === 'en' ? en : { ...en, ...read(lang) };
  return { label: own['diagram.label'], source: own['diagram.source'], stale: own['diagram.stale'] };
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const h = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });

export function remarkMermaid(options: RemarkMermaidOptions) {
  const { root, strict = true } = options;
  const strings = new Map<string, Strings>();
  return (tree: Root, file: VFile) => {
    const path = (file.path ?? '').replace(/\\/g, '/');
    const lang = langOf(path.replace(/^.*?(?=content\/)/, ''));
    const s = strings.get(lang) ?? strings.set(lang, uiStrings(root, lang)).get(lang)!;
    // The same diagram twice on a page would repeat its element ids: the second copy gets a suffix.
    const seen = new Map<string, number>();
    visit(tree, 'code', (node: Code, index, parent) => {
      if (node.lang !== 'mermaid' || !parent || index === undefined) return;
      const key = diagramKey(node.value);
      const drawings = readDrawings(root, key);
      const where = `${path || 'a Markdown file'}:${node.position?.start.line ?? '?'}`;
      if (!drawings && strict) {
        throw new Error(
          `${where}: the diagram “${node.value.trim().split('\n')[0]}” has no current drawing (key ${key}). ` +
            'Run `npm run diagrams` to draw it (README, "Adding a lesson"), then commit content/diagrams/.',
        );
      }
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const views: ElementContent[] = drawings
        ? THEMES.map((theme: Theme) => {
            const id = drawingId(key, theme);
            const svg = n === 1 ? drawings[theme] : drawings[theme].replaceAll(id, `${id}-${n}`);
            const [element] = fromHtml(svg.trim(), { fragment: true, space: 'svg' }).children as Element[];
            element.properties.className = ['diagram__drawing', `diagram__drawing--${theme}`];
            // Its own width, for the stylesheet's rule that it may shrink only as far as 14 px text.
            element.properties.style = `--diagram-width: ${element.properties.width}px`;
            return element;
          })
        : [h('p', { className: ['diagram__stale'] }, [text(s.stale)])];
      const figure: DiagramNode = { type: 'diagram', data: {} };
      parent.children[index] = figure;
      const data = figure.data;
      data.hName = 'figure';
      data.hProperties = { className: ['diagram', 'not-content'], 'data-diagram': key, 'data-pagefind-ignore': 'all' };
      data.hChildren = [
        // Focusable so that a diagram wider than the column can be scrolled from the keyboard.
        h('div', { className: ['diagram__view'], role: 'region', ariaLabel: s.label, tabIndex: 0 }, views),
        h('details', { className: ['diagram__source'], open: drawings ? undefined : true }, [
          h('summary', {}, [text(s.source)]),
          h('pre', {}, [h('code', {}, [text(node.value)])]),
        ]),
      ];
    });
  };
}

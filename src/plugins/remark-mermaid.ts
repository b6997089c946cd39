/**
 * Turns ```mermaid fences into <pre class="mermaid"> before Expressive Code sees them.
 *
 * The build stays browser-free (no Playwright render at build time); the diagram is drawn in the page
 * by src/components/mermaid/ only on pages that have one, and redrawn when the theme changes. The source
 * stays in the page, so without JavaScript a reader still sees the diagram's text.
 */
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
// Brings in the hName/hProperties/hChildren fields that mdast-util-to-hast reads from node data.
import type {} from 'mdast-util-to-hast';

export function remarkMermaid() {
  return (tree: Root) => {
    visit(tree, 'code', (node: Code) => {
      if (node.lang !== 'mermaid') return;
      const data = (node.data ??= {});
      data.hName = 'pre';
      data.hProperties = { className: ['mermaid'], 'data-pagefind-ignore': 'all' };
      data.hChildren = [{ type: 'text', value: node.value }];
    });
  };
}

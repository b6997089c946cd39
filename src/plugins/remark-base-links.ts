/**
 * Prefixes root-relative links in lessons with the site's base path.
 *
 * Lessons link to each other as `/principles/…/`; the site may be served under any base
 * (SITE_BASE=/docs/go-trace/), and Markdown links are not rewritten by Astro, so this does it once,
 * at build time, for every lesson.
 */
import type { Definition, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export function remarkBaseLinks({ base }: { base: string }) {
  const prefix = base.replace(/\/+$/, '');
  return (tree: Root) => {
    if (!prefix) return;
    visit(tree, ['link', 'definition'], (node) => {
      const n = node as Link | Definition;
      if (n.url.startsWith('/') && !n.url.startsWith('//') && !n.url.startsWith(prefix + '/')) {
        n.url = prefix + n.url;
      }
    });
  };
}

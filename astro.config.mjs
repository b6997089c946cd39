// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { staticAudit } from './src/integrations/static-audit.ts';
import { remarkBaseLinks } from './src/plugins/remark-base-links.ts';
import { remarkMermaid } from './src/plugins/remark-mermaid.ts';
import { sidebarFromOutline } from './src/site/outline.ts';
import { uiStrings } from './src/site/ui-strings.ts';

const root = new URL('./', import.meta.url);
// Any base path works: SITE_BASE=/docs/go-trace/ npm run build
const base = process.env.SITE_BASE || '/';
// While writing (`astro dev`) a diagram not yet drawn shows its text; a build fails on it.
const writing = process.argv.includes('dev');

export default defineConfig({
  base,
  trailingSlash: 'always',
  // No `site`: the build must not embed an origin; every link is relative to the base.
  markdown: {
    // Starlight and MDX lessons run on the remark/rehype pipeline (Expressive Code, asides, our plugins).
    processor: unified({ remarkPlugins: [[remarkMermaid, { root, strict: !writing }], [remarkBaseLinks, { base }]] }),
  },
  integrations: [
    starlight({
      title: { en: 'Go Trace Field Guide', 'zh-CN': 'Go 跟踪实战指南' },
      description: 'Tracing Go programs without the usual mistakes: every claim checked against Go itself.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: sidebarFromOutline(root),
      customCss: ['./src/styles/field-guide.css'],
      components: {
        Pagination: './src/components/overrides/Pagination.astro',
      },
      markdown: { processedDirs: ['./content/'] },
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      plugins: [uiStrings(root)],
    }),
    mdx(),
    staticAudit({ cspFile: new URL('deploy/generated/csp.conf', root) }),
  ],
});

// @ts-check
// Expressive Code (Starlight's code blocks). Starlight works out a block's language from its path under
// src/content/docs, but the lessons live in content/docs (README, "Where things live"), so without this
// the Chinese lessons' copy buttons said "Copy to clipboard". Functions cannot go through the
// integration's options (they are serialised), hence this file.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  getBlockLocale: ({ file }) => {
    const where = file.url && file.url.protocol !== 'file:' ? file.url.pathname : (file.path ?? '').replace(/\\/g, '/');
    return /\/(content\/docs\/)?zh-cn\//.test(where) ? 'zh-CN' : 'en';
  },
});

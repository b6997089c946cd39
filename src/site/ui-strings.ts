/**
 * A Starlight plugin that loads the site's own UI strings from content/i18n/<lang>.json.
 *
 * Starlight's i18n collection is fixed to src/content/i18n; the words of the site belong in content/,
 * so they are injected through the plugin API instead. Components read them with Astro.locals.t(key).
 * English is the fallback for any key a translation lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function uiStrings(root: URL) {
  return {
    name: 'field-guide-ui-strings',
    hooks: {
      'config:setup'() {},
      'i18n:setup'({ injectTranslations }: { injectTranslations: (t: Record<string, Record<string, string>>) => void }) {
        const dir = new URL('content/i18n/', root);
        const translations: Record<string, Record<string, string>> = {};
        for (const file of readdirSync(dir)) {
          if (!file.endsWith('.json')) continue;
          translations[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
        }
        injectTranslations(translations);
      },
    },
  };
}

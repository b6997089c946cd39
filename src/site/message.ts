/**
 * Filling the site's UI strings (content/i18n): `{name}` takes a value, and
 * `{name, plural, one {# finding} other {# findings}}` picks the form the language's plural rules
 * (Intl.PluralRules) ask for the number, `#` standing for it (ICU MessageFormat's plural, nothing
 * more). Chinese strings need no plural forms; English ones use them wherever a count can be 1.
 * Runs in the browser and at build time; no DOM.
 */

const rules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, n: number): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n);
}

/** A value as a number for choosing its plural form: facts often arrive formatted ("1,024"). */
const asNumber = (v: string | number) => (typeof v === 'number' ? v : Number(v.replace(/[,\s\u00a0]/g, '')));

/** The end of the `{…}` block opening at `open`, counting nested braces; -1 when unbalanced. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The `one {…} other {…}` cases of a plural, by category (and `=0`-style exact numbers). */
function pluralCases(body: string): Map<string, string> | null {
  const cases = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const m = /^\s*(=?[\w]+)\s*\{/.exec(body.slice(i));
    if (!m) return body.slice(i).trim() === '' ? cases : null;
    const open = i + m[0].length - 1;
    const end = closing(body, open);
    if (end < 0) return null;
    cases.set(m[1], body.slice(open + 1, end));
    i = end + 1;
  }
  return cases;
}

export function formatMessage(template: string, values: Record<string, string | number>, lang = 'en'): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    const end = closing(template, open);
    if (end < 0) break;
    out += template.slice(i, open);
    const inner = template.slice(open + 1, end);
    const simple = /^\s*(\w+)\s*$/.exec(inner);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (simple && simple[1] in values) out += String(values[simple[1]]);
    else if (plural && plural[1] in values) {
      const value = values[plural[1]];
      const n = asNumber(value);
      const cases = pluralCases(plural[2]);
      const chosen = cases && (cases.get(`=${n}`) ?? cases.get(Number.isFinite(n) ? pluralCategory(lang, n) : 'other') ?? cases.get('other'));
      out += chosen === undefined || chosen === null ? template.slice(open, end + 1) : formatMessage(chosen.replace(/#/g, String(value)), values, lang);
    } else out += template.slice(open, end + 1);
    i = end + 1;
  }
  return out + template.slice(i);
}

/** The page's language, for code that runs in it. */
export const pageLang = (): string => (typeof document !== 'undefined' && document.documentElement.lang) || 'en';

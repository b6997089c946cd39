/** Every UI string of the self-assessment exists in every language file. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATURITY_KEYS, format, lessonLabel } from '../../src/components/maturity/strings.ts';
import { root } from './fixtures.ts';

describe('maturity UI strings', () => {
  const dir = new URL('content/i18n/', root);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`${file} has every key`, () => {
      const strings = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, string>;
      const missing = MATURITY_KEYS.filter((k) => !strings[`maturity.${k}`]);
      expect(missing).toEqual([]);
    });
  }

  it('names unpublished lessons by number', () => {
    const s = { lessonSoon: 'Lesson {number} (coming soon)', pageSoon: '{slug} (coming soon)' };
    expect(lessonLabel({ slug: 'init/late-start', number: '2.2', title: '', href: null }, s)).toBe('Lesson 2.2 (coming soon)');
    expect(lessonLabel({ slug: 'x', number: '1.1', title: '1.1 How', href: '/x/' }, s)).toBe('1.1 How');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/site/message.ts';

describe('formatMessage', () => {
  const findings = 'A trace with {findings, plural, one {# finding} other {# findings}} from {who}.';

  it('fills values and picks the plural form by the language rules', () => {
    expect(formatMessage(findings, { findings: 1, who: 'the doctor' })).toBe('A trace with 1 finding from the doctor.');
    expect(formatMessage(findings, { findings: 0, who: 'x' })).toBe('A trace with 0 findings from x.');
    expect(formatMessage(findings, { findings: '1,024', who: 'x' })).toBe('A trace with 1,024 findings from x.');
    expect(formatMessage('{n, plural, =0 {none} one {one} other {#}}', { n: 0 })).toBe('none');
    // Chinese has one form; a string without plural syntax is filled as before.
    expect(formatMessage('{n, plural, other {# 条}}', { n: 1 }, 'zh-CN')).toBe('1 条');
    expect(formatMessage('共 {n} 条发现', { n: 1 }, 'zh-CN')).toBe('共 1 条发现');
  });

  it('leaves unknown or malformed placeholders as they are', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(formatMessage('{n, plural, one {x}', { n: 1 })).toBe('{n, plural, one {x}');
    expect(formatMessage('no braces', {})).toBe('no braces');
    expect(formatMessage('{n, plural, one {# of {total}} other {# of {total}}}', { n: 2, total: 5 })).toBe('2 of 5');
  });

  it('every UI string with a plural has an `other` form and balanced braces, in every language', () => {
    const dir = new URL('../../content/i18n/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const strings = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(strings)) {
        expect((text.match(/\{/g) ?? []).length, `${file} ${key}`).toBe((text.match(/\}/g) ?? []).length);
        for (const m of text.matchAll(/\{\s*\w+\s*,\s*plural\s*,/g)) expect(text.slice(m.index), `${file} ${key}`).toMatch(/other\s*\{/);
      }
    }
  });

  it('no English UI string writes a count with a bare plural noun where the count can be 1', () => {
    const en = JSON.parse(readFileSync(new URL('../../content/i18n/en.json', import.meta.url), 'utf8')) as Record<string, string>;
    // "{n} findings", "{count} pauses": a placeholder straight before an English plural, outside a plural block.
    const bare = Object.entries(en).filter(([, text]) => /(^|[^#]) ?\{(\w+)\} (?:[a-z-]+ )?(findings|goroutines|members|answers|problems|checks|events|regions|tasks|pauses|cycles)\b/.test(text.replace(/\{\w+, plural,[^]*?\}\}/g, '')));
    expect(bare.map(([k]) => k)).toEqual([]);
  });

  it('the English strings say 1 finding, 1 member, 1 check', () => {
    const en = JSON.parse(readFileSync(new URL('../../content/i18n/en.json', import.meta.url), 'utf8')) as Record<string, string>;
    const summary = formatMessage(en['viewer.summary'], { duration: '2 s', goroutines: 1, gcs: 1, stw: '1 ms', findings: 1 });
    expect(summary).toBe('A trace of 2 s with 1 goroutine, 1 GC cycle, 1 ms of stop-the-world pauses in total, and 1 finding from the trace doctor.');
    expect(formatMessage(en['viewer.summary'], { duration: '2 s', goroutines: 3, gcs: 0, stw: '0 s', findings: 2 })).toContain('3 goroutines, 0 GC cycles, 0 s of stop-the-world pauses in total, and 2 findings');
    expect(formatMessage(en['maturity.teamMembers'], { n: 1 })).toBe('1 member');
    expect(formatMessage(en['playground.allPass'], { n: 1 })).toBe('The check passes.');
    expect(formatMessage(en['playground.somePass'], { passed: 0, total: 1 })).toBe('0 of 1 check passes.');
    expect(formatMessage(en['viewer.finding.unended-task'], { tasks: 1, name: 't' })).toMatch(/^1 task was begun/);
    expect(formatMessage(en['viewer.finding.region-without-task'], { regions: 1, total: 4, name: 'r' })).toMatch(/^1 of 4 regions belongs to no task/);
  });
});

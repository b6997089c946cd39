import { describe, expect, it } from 'vitest';
import { appendHistory, parseHistory, parseStoredAnswers, HISTORY_LIMIT, type HistoryEntry } from '../../src/maturity/history.ts';
import { parseExport, toExport, toMarkdown, EXPORT_KIND } from '../../src/maturity/report.ts';
import { DONT_KNOW, NOT_APPLICABLE, recommendations, score, type Answers } from '../../src/maturity/scoring.ts';
import { decodeAnswers, encodeAnswers } from '../../src/maturity/share.ts';
import { pageModel, tiny } from './fixtures.ts';

const answers: Answers = { a1: 'yes', ax: DONT_KNOW, b1: NOT_APPLICABLE, b2: 'no' };

describe('share links', () => {
  it('round-trips answers compactly', () => {
    const frag = encodeAnswers(tiny, answers);
    expect(frag).toBe('maturity=3.2u-n0');
    expect(decodeAnswers(tiny, `#${frag}`)).toEqual(answers);
    expect(decodeAnswers(tiny, frag)).toEqual(answers);
  });

  it('round-trips every answer of the real model', () => {
    const all: Answers = {};
    pageModel.questions.forEach((q, i) => (all[q.id] = i % 5 === 0 ? DONT_KNOW : i % 7 === 0 ? NOT_APPLICABLE : q.options[i % q.options.length].id));
    const frag = encodeAnswers(pageModel, all);
    expect(frag.length).toBeLessThan(40);
    expect(decodeAnswers(pageModel, frag)).toEqual(all);
    expect(decodeAnswers(pageModel, encodeAnswers(pageModel, {}))).toEqual({});
  });

  it('rejects garbage, another version, extra length and out-of-range options', () => {
    for (const bad of ['', '#', '#maturity=', '#maturity=3', '#maturity=2.2u', '#maturity=3.2x', '#maturity=3.2222222', '#maturity=3.9', '#maturity=3.<script>', '#other=1']) {
      expect(decodeAnswers(tiny, bad), bad).toBeNull();
    }
  });
});

describe('export JSON', () => {
  it('round-trips through parseExport', () => {
    const file = toExport(tiny, answers, score(tiny, answers), '  Ada ', new Date('2026-01-02T03:04:05Z'));
    expect(file.kind).toBe(EXPORT_KIND);
    expect(file.name).toBe('Ada');
    expect(file.result.stage).toBe(1); // b1 is not applicable, so a1 alone opens stage 1
    const back = parseExport(tiny, JSON.stringify(file));
    expect(back).toEqual({ ok: true, name: 'Ada', date: '2026-01-02T03:04:05.000Z', answers, ignored: 0, otherVersion: false });
  });

  it('drops answers that do not fit the model and says how many', () => {
    const file = { ...toExport(tiny, answers, score(tiny, answers), '', new Date()), model: 2 };
    file.answers = { ...answers, zz: 'yes', a2: 'maybe', b2: 7 as unknown as string };
    const back = parseExport(tiny, JSON.stringify(file));
    expect(back.ok && back.ignored).toBe(3);
    expect(back.ok && back.otherVersion).toBe(true);
    expect(back.ok && back.answers).toEqual({ a1: 'yes', ax: DONT_KNOW, b1: NOT_APPLICABLE });
  });

  it('rejects what is not an export', () => {
    expect(parseExport(tiny, '{not json')).toEqual({ ok: false, error: 'json' });
    expect(parseExport(tiny, '[]')).toEqual({ ok: false, error: 'kind' });
    expect(parseExport(tiny, JSON.stringify({ kind: EXPORT_KIND, format: 99, answers: {} }))).toEqual({ ok: false, error: 'format' });
    expect(parseExport(tiny, JSON.stringify({ kind: EXPORT_KIND, format: 1, answers: [] }))).toEqual({ ok: false, error: 'format' });
  });

  it('writes a Markdown report with scores, recommendations and answers', () => {
    const r = score(tiny, answers);
    const labels = Object.fromEntries(
      ['title', 'date', 'overall', 'stage', 'dimension', 'score', 'dontKnow', 'notScored', 'recommendations', 'none', 'blocks', 'unknown', 'read', 'answers', 'question', 'answer', 'unanswered', 'answered'].map((k) => [k, k.toUpperCase()]),
    ) as never;
    const md = toMarkdown(tiny, answers, r, recommendations(tiny, r), labels, new Date('2026-01-02T00:00:00Z'), (q) => `[${q.lesson.slug}](x)`);
    expect(md).toMatch(/^# TITLE\n/);
    expect(md).toContain('- **OVERALL:** 5.0 / 10');
    expect(md).toContain('| A | 10.0 | 1 · one | 1 |');
    expect(md).toContain('1. **b2** _(BLOCKS)_');
    expect(md).toContain('| ax | Don\'t know |');
  });
});

describe('history', () => {
  const entry = (date: string, overall: number | null): HistoryEntry => ({ date, model: 1, overall, stage: 1, answered: 3, dimensions: { a: overall } });

  it('reads valid entries in date order and ignores corrupt data', () => {
    const good = [entry('2026-02-01T00:00:00Z', 6), entry('2026-01-01T00:00:00Z', 4)];
    expect(parseHistory(JSON.stringify(good)).map((e) => e.overall)).toEqual([4, 6]);
    for (const bad of ['{', 'null', '"x"', '{"a":1}', '']) expect(parseHistory(bad)).toEqual([]);
    const mixed = [good[0], { ...good[1], overall: 11 }, { ...good[1], date: 'yesterday' }, 5, null, { ...good[1], dimensions: { a: 'x' } }];
    expect(parseHistory(JSON.stringify(mixed))).toHaveLength(1);
  });

  it('keeps at most HISTORY_LIMIT entries', () => {
    let h: HistoryEntry[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = appendHistory(h, entry(new Date(2026, 0, 1, 0, i).toISOString(), i % 10));
    expect(h).toHaveLength(HISTORY_LIMIT);
  });

  it('reads stored answers defensively', () => {
    expect(parseStoredAnswers('{"a1":"yes","b":3}')).toEqual({ a1: 'yes' });
    expect(parseStoredAnswers('][')).toEqual({});
    expect(parseStoredAnswers('[1]')).toEqual({});
  });
});

/**
 * The quiz schema (src/quiz/schema.ts) accepts every quiz file of the course and rejects broken ones
 * with the field named: the build prints the same zod path next to the file name.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssues, quizSchema } from '../../src/quiz/schema.ts';
import { quizFiles, traces } from './helpers.ts';

const schema = quizSchema({ traceExists: (name) => existsSync(join(traces, name)) });
const t = (en: string, zh = `中文：${en}`) => ({ en, 'zh-CN': zh });

const good = () => ({
  questions: [
    {
      id: 'q1',
      type: 'single',
      prompt: t('Which?'),
      options: [
        { text: t('A'), correct: true, explain: t('Because.') },
        { text: t('B'), explain: t('No.') },
      ],
    },
    {
      id: 'p1',
      type: 'predict-trace',
      prompt: t('How many GCs?'),
      trace: 'anatomy-default.go1.27.trace',
      probe: 'gcCount',
      answer: { kind: 'number', explain: t('{answer} GCs.') },
    },
  ],
});

function issues(data: unknown): string[] {
  const r = schema.safeParse(data);
  return r.success ? [] : describeIssues(r.error);
}

describe('quiz schema', () => {
  it('accepts every quiz file of the course', () => {
    const files = quizFiles();
    expect(files.size).toBeGreaterThanOrEqual(3);
    for (const [slug, data] of files) expect(issues(data), slug).toEqual([]);
  });

  it('accepts a minimal quiz and fills defaults', () => {
    const r = schema.parse(good());
    const p = r.questions[1];
    expect(p.type === 'predict-trace' && p.answer.kind === 'number' && p.answer.tolerance).toBe(0);
  });

  it('names the field when a language is missing', () => {
    const q = good();
    (q.questions[0].prompt as Record<string, string>) = { en: 'Which?' };
    expect(issues(q).join('\n')).toMatch(/^questions\.0\.prompt\.zh-CN: /m);
  });

  it('names the field when a single question has two correct options', () => {
    const q = good();
    (q.questions[0].options as { correct?: boolean }[])[1].correct = true;
    expect(issues(q)).toEqual(['questions.0.options: a single question needs exactly one correct option']);
  });

  it('rejects an unknown probe, a missing trace, an unknown field and a wrong type', () => {
    const q = good();
    (q.questions[1] as Record<string, unknown>).probe = 'gcCountt';
    expect(issues(q).join('\n')).toMatch(/^questions\.1\.probe: /m);

    const q2 = good();
    (q2.questions[1] as Record<string, unknown>).trace = 'no-such.go1.27.trace';
    expect(issues(q2)).toEqual(['questions.1.trace: no recorded trace playground/traces/no-such.go1.27.trace']);

    const q3 = good();
    (q3.questions[0] as Record<string, unknown>).answr = 1;
    expect(issues(q3).join('\n')).toMatch(/^questions\.0: .*answr/m);

    const q4 = good();
    (q4.questions[0] as Record<string, unknown>).type = 'essay';
    expect(issues(q4).join('\n')).toMatch(/^questions\.0\.type: /m);
  });

  it('rejects duplicate ids, an empty text, a second checklist and a predict option without value or range', () => {
    const q = good();
    q.questions[1].id = 'q1';
    expect(issues(q)).toEqual(['questions.1.id: duplicate question id "q1"']);

    const q2 = good();
    q2.questions[0].options![0].text = t('   ');
    expect(issues(q2).join('\n')).toMatch(/^questions\.0\.options\.0\.text\.en: must not be empty/m);

    const checklist = { id: 'c', type: 'checklist', prompt: t('Tick'), items: [{ id: 'a', text: t('A'), anchor: t('a', '甲') }] };
    expect(issues({ questions: [checklist, { ...checklist, id: 'd' }] })).toEqual(['questions: a quiz has at most one checklist']);
    expect(issues({ questions: [{ ...checklist, items: [{ id: 'a', text: t('A'), anchor: t('#a', '甲') }] }] }).join('\n')).toMatch(
      /^questions\.0\.items\.0\.anchor\.en: /m,
    );

    const q3 = good();
    (q3.questions[1] as Record<string, unknown>).answer = {
      kind: 'choice',
      options: [
        { text: t('yes'), value: true, explain: t('y') },
        { text: t('no'), explain: t('n') },
      ],
    };
    expect(issues(q3)).toEqual(['questions.1.answer.options.1.value: give either `value` or `min`/`max`']);
  });
});

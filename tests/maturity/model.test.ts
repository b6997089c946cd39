/**
 * content/maturity/model.yaml is valid, its lessons exist, its grid has an essential question in
 * every dimension × stage cell, and a broken model is rejected with the field named. The YAML is read
 * with js-yaml, the parser Astro itself uses (already in node_modules).
 */
import { describe, expect, it } from 'vitest';
import { describeModelErrors, lessonNumber, maturityModelSchema } from '../../src/maturity/model.ts';
import { lessonSlugs, model, outline, rawModel } from './fixtures.ts';

function errorsOf(raw: unknown, lessons = lessonSlugs): string {
  const r = maturityModelSchema({ lessons }).safeParse(raw);
  expect(r.success).toBe(false);
  return describeModelErrors('content/maturity/model.yaml', r.error!);
}

describe('the maturity model', () => {
  it('is valid', () => {
    expect(model.questions.length).toBeGreaterThanOrEqual(15);
    expect(model.questions.length).toBeLessThanOrEqual(25);
    expect(model.stages.map((s) => s.id)).toEqual(['ad-hoc', 'manual', 'standardised', 'governed']);
  });

  it('names only lessons of content/outline.json', () => {
    for (const q of model.questions) {
      expect(lessonSlugs, q.id).toContain(q.lesson);
      if (q.checklist) expect(lessonSlugs, q.id).toContain(q.checklist);
    }
  });

  it('has one essential question in every dimension × stage cell (the gate of that cell)', () => {
    for (const d of model.dimensions) {
      for (const s of model.stages.slice(1)) {
        const gate = model.questions.filter((q) => q.dimension === d.id && q.stage === s.id && q.essential);
        expect(gate.length, `${d.id} × ${s.id}`).toBe(1);
      }
    }
  });

  it('has both languages in every text and never recommends a per-request trace.Start or WithInsecure', () => {
    for (const q of model.questions) {
      expect(q.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(q.recommendation['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(q.recommendation.en).not.toMatch(/use WithInsecure|trace\.Start in (a |the |your )?middleware/i);
    }
  });

  it('rejects a missing text and names the field', () => {
    const raw = rawModel() as { questions: Record<string, unknown>[] };
    delete (raw.questions[2].text as Record<string, string>)['zh-CN'];
    expect(errorsOf(raw)).toMatch(/content\/maturity\/model\.yaml[\s\S]*questions\.2\.text\.zh-CN/);
  });

  it('rejects unknown references, duplicate ids and questions in the baseline stage', () => {
    const raw = rawModel() as { questions: Record<string, unknown>[] };
    raw.questions[0].dimension = 'nope';
    raw.questions[1].stage = 'ad-hoc';
    raw.questions[3].id = raw.questions[4].id;
    raw.questions[5].lesson = 'spans/does-not-exist';
    raw.questions[6].extra = true;
    const text = errorsOf(raw);
    expect(text).toMatch(/questions\.0\.dimension: unknown dimension "nope"/);
    expect(text).toMatch(/questions\.1\.stage: the first stage/);
    expect(text).toMatch(/questions\.4\.id: duplicate id/);
    expect(text).toMatch(/questions\.5\.lesson: "spans\/does-not-exist" is not a lesson/);
    expect(text).toMatch(/questions\.6/);
  });

  it('rejects a scale with no option that meets the question', () => {
    const raw = rawModel() as { scales: { options: { value: number }[] }[] };
    raw.scales[0].options = raw.scales[0].options.map((o) => ({ ...o, value: Math.min(o.value, 0.9) }));
    expect(errorsOf(raw)).toMatch(/scales\.0\.options: one option must have value 1/);
  });

  it('numbers lessons from the outline', () => {
    expect(lessonNumber(outline, 'init/late-start')).toBe('2.2');
    expect(lessonNumber(outline, 'maturity/self-assessment')).toBe('5.2');
    expect(lessonNumber(outline, 'tools/open-a-trace')).toBe('');
  });
});

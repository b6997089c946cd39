import { describe, expect, it } from 'vitest';
import { DONT_KNOW, NOT_APPLICABLE, recommendations, score, type Answers } from '../../src/maturity/scoring.ts';
import { pageModel, tiny } from './fixtures.ts';

const all = (answer: string, model = tiny): Answers => Object.fromEntries(model.questions.map((q) => [q.id, answer]));

describe('scoring', () => {
  it('scores nothing and stays at stage 0 with no answers', () => {
    const r = score(tiny, {});
    expect(r.overall).toBeNull();
    expect(r.stage).toBe(0);
    expect(r.unanswered).toBe(6);
    expect(r.dimensions.map((d) => d.score)).toEqual([null, null]);
    expect(r.blockers.map((b) => b.id)).toEqual(['a1', 'b1']);
  });

  it('averages answered questions per dimension on 0–10, and the overall as the mean of dimensions', () => {
    // a: yes, partly, no → (1 + 0.5 + 0) / 3 = 5.0; b: yes, yes, partly → 2.5 / 3 = 8.3
    const r = score(tiny, { a1: 'yes', ax: 'partly', a2: 'no', b1: 'yes', b2: 'yes', by: 'partly' });
    expect(r.dimensions.map((d) => d.score)).toEqual([5, 8.3]);
    expect(r.overall).toBe(6.7);
  });

  it('weights dimensions, not questions', () => {
    const weighted = { ...tiny, dimensions: [tiny.dimensions[0], { ...tiny.dimensions[1], weight: 3 }] };
    const r = score(weighted, { a1: 'no', b1: 'yes' });
    expect(r.overall).toBe(7.5); // (0 × 1 + 10 × 3) / 4
  });

  it('leaves "don\'t know" out of the score but counts it separately, and it does not meet a gate', () => {
    const r = score(tiny, { a1: DONT_KNOW, ax: 'yes', b1: 'yes' });
    expect(r.dimensions[0].score).toBe(10);
    expect(r.dimensions[0].dontKnow).toBe(1);
    expect(r.dontKnow).toBe(1);
    expect(r.stage).toBe(0);
    expect(r.dimensions[0].stage).toBe(0);
    expect(r.dimensions[1].stage).toBe(1);
    expect(r.blockers).toEqual([{ id: 'a1', state: 'dont-know' }]);
  });

  it('removes "not applicable" from the maths and from the gates', () => {
    const r = score(tiny, { a1: NOT_APPLICABLE, ax: 'no', b1: 'yes', a2: 'yes', b2: 'yes' });
    expect(r.dimensions[0].score).toBe(5); // ax 0, a2 10
    expect(r.notApplicable).toBe(1);
    expect(r.stage).toBe(2);
    const only = score(tiny, { a1: NOT_APPLICABLE });
    expect(only.dimensions[0].score).toBeNull();
  });

  it('gates stages on essential questions only, lower stages first', () => {
    expect(score(tiny, { a1: 'yes', b1: 'yes', ax: 'no' }).stage).toBe(1);
    // Stage 2 essentials met but a stage 1 essential missing: still stage 0.
    expect(score(tiny, { a1: 'yes', b1: 'partly', a2: 'yes', b2: 'yes' }).stage).toBe(0);
    // Non-essential questions never gate.
    expect(score(tiny, { ...all('yes'), ax: 'no', by: 'no' }).stage).toBe(2);
    expect(score(tiny, all('yes')).blockers).toEqual([]);
  });

  it('gives each dimension its own stage by the same rule', () => {
    const r = score(tiny, { a1: 'yes', a2: 'yes', b1: 'yes', b2: 'partly' });
    expect(r.dimensions.map((d) => d.stage)).toEqual([2, 1]);
    expect(r.dimensions[1].blockers).toEqual(['b2']);
    expect(r.stage).toBe(1);
  });

  it('orders recommendations: next-stage essentials first, then lowest stage, weakest dimension, essentials', () => {
    // Stage 1 reached. Next stage 2: a2 (weak) and b2 (don't know) block it. Dimension a is weaker.
    const r = score(tiny, { a1: 'yes', ax: 'no', a2: 'partly', b1: 'yes', b2: DONT_KNOW, by: 'no' });
    expect(r.stage).toBe(1);
    const recs = recommendations(tiny, r);
    expect(recs.map((x) => x.id)).toEqual(['a2', 'b2', 'ax', 'by']);
    expect(recs.map((x) => x.blocksNextStage)).toEqual([true, true, false, false]);
    expect(recs[1].state).toBe('dont-know');
  });

  it('puts the weakest dimension first among equals', () => {
    // Stage 0: a1 and b1 block; b is weaker (0) than a (5), so b1 first.
    const r = score(tiny, { a1: 'partly', b1: 'no' });
    expect(recommendations(tiny, r).map((x) => x.id)).toEqual(['b1', 'a1']);
  });

  it('recommends nothing for met, unanswered or not-applicable questions', () => {
    expect(recommendations(tiny, score(tiny, { a1: 'yes', b1: NOT_APPLICABLE }))).toEqual([]);
  });

  it('scores the real model end to end', () => {
    const best = Object.fromEntries(pageModel.questions.map((q) => [q.id, q.options.find((o) => o.value === 1)!.id]));
    const r = score(pageModel, best);
    expect(r.overall).toBe(10);
    expect(r.stage).toBe(pageModel.stages.length - 1);
    const none = score(pageModel, all('no', pageModel));
    expect(none.stage).toBe(0);
    // Questions on the "reach" scale have no "no"; they stay unanswered.
    expect(none.answered).toBe(pageModel.questions.filter((q) => q.options.some((o) => o.id === 'no')).length);
  });
});

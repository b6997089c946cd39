import { describe, expect, it } from 'vitest';
import { DONT_KNOW, NOT_APPLICABLE } from '../../src/maturity/scoring.ts';
import { aggregateTeam, median } from '../../src/maturity/team.ts';
import { tiny } from './fixtures.ts';

describe('team view', () => {
  const team = aggregateTeam(tiny, [
    { name: 'ann', answers: { a1: 'yes', ax: 'yes', b1: 'yes', b2: 'yes' } },
    { name: 'bob', answers: { a1: 'no', ax: 'yes', b1: 'yes', b2: DONT_KNOW } },
    { name: 'cy', answers: { a1: 'partly', ax: 'yes', b1: 'yes', b2: NOT_APPLICABLE } },
  ]);

  it('summarises each dimension: scores, min, median, max, spread, agreement', () => {
    expect(team.members).toBe(3);
    const a = team.dimensions[0];
    expect(a.scores).toEqual([10, 5, 7.5]);
    expect([a.min, a.median, a.max, a.spread]).toEqual([5, 7.5, 10, 5]);
    expect(a.agree).toBe(false);
    const b = team.dimensions[1];
    expect(b.scores).toEqual([10, 10, 10]);
    expect(b.agree).toBe(true);
  });

  it('counts members per stage', () => {
    // ann: a1, b1 met → stage 1 (a2 unanswered blocks 2); bob and cy: a1 not met → 0.
    expect(team.stages).toEqual([2, 1, 0]);
    expect(team.overall).toEqual({ min: 7.5, median: 8.8, max: 10 });
  });

  it('lists the questions the team answered differently, most divided first', () => {
    expect(team.disagreements.map((d) => d.id)).toEqual(['a1', 'b2']);
    expect(team.disagreements[0]).toMatchObject({ spread: 1, counts: { yes: 1, no: 1, partly: 1 } });
    expect(team.disagreements[1]).toMatchObject({ dontKnow: 1, counts: { yes: 1, [DONT_KNOW]: 1, [NOT_APPLICABLE]: 1 } });
  });

  it('handles an empty team and single members', () => {
    const empty = aggregateTeam(tiny, []);
    expect(empty.dimensions[0]).toMatchObject({ min: null, median: null, spread: null, agree: null });
    expect(aggregateTeam(tiny, [{ name: 'x', answers: { a1: 'yes' } }]).disagreements).toEqual([]);
  });

  it('takes the median of even counts as the mean of the middle two', () => {
    expect(median([1, 4, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

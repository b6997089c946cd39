/** The self-assessment's saved state, read under the keep-what-you-cannot-read rule. */
import { describe, expect, it } from 'vitest';
import { compareAnswers } from '../../src/maturity/compare.ts';
import { ANSWERS_KEY, TEAM_KEY, readAnswers, readHistory, readName, readTeam, teamText } from '../../src/maturity/saved.ts';
import { MemoryStore, load } from '../../src/storage/saved.ts';
import { pageModel as model } from './fixtures.ts';

const [q1, q2, q3] = model.questions;
const yes = (q: (typeof model.questions)[number]) => q.options[q.options.length - 1].id;

describe('saved self-assessment', () => {
  it('answers: read whole, or partly with the text kept, or not at all with the text kept', () => {
    const store = new MemoryStore();
    store.setItem(ANSWERS_KEY, JSON.stringify({ [q1.id]: yes(q1) }));
    expect(load(ANSWERS_KEY, readAnswers(model), store)).toMatchObject({ value: { [q1.id]: yes(q1) }, kept: [] });

    store.setItem(ANSWERS_KEY, JSON.stringify({ [q1.id]: yes(q1), 'asked-no-more': 'yes' }));
    const partial = load(ANSWERS_KEY, readAnswers(model), store);
    expect(partial).toMatchObject({ value: { [q1.id]: yes(q1) }, problem: 'partial' });
    expect(partial.kept.at(-1)!.text).toContain('asked-no-more');

    store.setItem(ANSWERS_KEY, '{garbage');
    const broken = load(ANSWERS_KEY, readAnswers(model), store);
    expect(broken).toMatchObject({ value: null, problem: 'unreadable' });
    expect(broken.kept.map((k) => k.text)).toContain('{garbage');
  });

  it('history: damaged entries are left out and the text kept', () => {
    const good = { date: '2026-01-01T00:00:00Z', model: 1, overall: 5, stage: 1, answered: 3, dimensions: { a: 5 } };
    expect(readHistory(JSON.stringify([good]))).toEqual({ value: [good] });
    expect(readHistory(JSON.stringify([good, { date: 'never' }]))).toEqual({ value: [good], problem: 'partial' });
    expect(readHistory('{"a":1}')).toEqual({ value: null, problem: 'unreadable' });
  });

  it('team view: round-trips, and answers this version cannot use are left out', () => {
    const members = [{ name: 'Ada', answers: { [q1.id]: yes(q1) } }, { name: 'Bob', answers: { [q2.id]: 'dont-know' } }];
    expect(readTeam(model)(teamText(members))).toEqual({ value: members });
    const odd = JSON.stringify({ v: 1, members: [{ name: 'Ada', answers: { [q3.id]: 'no-such-option' } }, 'Bob'] });
    expect(readTeam(model)(odd)).toEqual({ value: [{ name: 'Ada', answers: {} }], problem: 'partial' });
    expect(readTeam(model)('{"v":2,"members":[]}')).toEqual({ value: null, problem: 'unreadable' });
    const store = new MemoryStore();
    store.setItem(TEAM_KEY, '[');
    expect(load(TEAM_KEY, readTeam(model), store).kept).toHaveLength(1);
  });

  it('name: a string', () => {
    expect(readName('"Ada"')).toEqual({ value: 'Ada' });
    expect(readName('42')).toEqual({ value: null, problem: 'unreadable' });
  });
});

describe('a colleague’s answers beside mine', () => {
  it('lists the questions answered differently, in the model’s order, and what importing would lose', () => {
    const mine = { [q1.id]: yes(q1), [q2.id]: 'dont-know' };
    const theirs = { [q1.id]: yes(q1), [q2.id]: yes(q2), [q3.id]: 'not-applicable' };
    expect(compareAnswers(model, mine, theirs)).toEqual({
      mine: 2,
      theirs: 3,
      differences: [
        { id: q2.id, mine: 'dont-know', theirs: yes(q2) },
        { id: q3.id, theirs: 'not-applicable' },
      ],
      lost: 1,
    });
    expect(compareAnswers(model, {}, theirs).lost).toBe(0);
    expect(compareAnswers(model, mine, {})).toMatchObject({ lost: 2, theirs: 0 });
  });
});

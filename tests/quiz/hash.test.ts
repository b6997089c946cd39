/** The content hash (src/quiz/hash.ts): stable across key order, different after any edit. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashString, quizHash } from '../../src/quiz/hash.ts';
import { quizSchema } from '../../src/quiz/schema.ts';
import { quizFiles } from './helpers.ts';

describe('quiz content hash', () => {
  it('ignores key order, not array order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(quizHash({ a: 1, b: 2 })).toBe(quizHash({ b: 2, a: 1 }));
    expect(quizHash([1, 2])).not.toBe(quizHash([2, 1]));
  });

  it('is 14 hex digits and deterministic', () => {
    expect(hashString('')).toMatch(/^[0-9a-f]{14}$/);
    expect(hashString('go 1.23 trace')).toBe(hashString('go 1.23 trace'));
    expect(hashString('a')).not.toBe(hashString('b'));
  });

  it('changes when any text of a quiz changes, in either language, or an answer moves', () => {
    const [, data] = [...quizFiles()][0];
    const quiz = quizSchema().parse(data);
    const h = quizHash(quiz);
    const edited = structuredClone(quiz);
    edited.questions[0].prompt['zh-CN'] += '。';
    expect(quizHash(edited)).not.toBe(h);
    const moved = structuredClone(quiz);
    const choice = moved.questions.find((q) => q.type === 'single');
    if (choice?.type === 'single') {
      choice.options.forEach((o) => (o.correct = !o.correct));
      expect(quizHash(moved)).not.toBe(h);
    }
    expect(quizHash(structuredClone(quiz))).toBe(h);
  });
});

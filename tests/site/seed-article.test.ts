/**
 * "The seed article" is introduced where a reader first meets it: on the home page and in lesson 1.1,
 * in both languages, by its title and what it is. Lesson 1.1 also answers the article's first claim
 * that tracing records function entry and exit (the execution tracer records no function calls).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../content/docs/${path}`, import.meta.url), 'utf8');
const TITLE = 'Go程序跟踪避坑清单，12个被90%团队忽略的trace配置致命错误';

describe('the seed article', () => {
  for (const path of ['index.mdx', 'principles/how-the-tracer-works.mdx']) {
    it(`${path}: introduced by name, in English`, () => {
      const text = read(path);
      expect(text).toContain(TITLE);
      expect(text).toContain('12 fatal trace configuration mistakes');
      expect(text).toMatch(/widely shared Chinese checklist/);
      expect(text).toMatch(/seed article/);
    });
    it(`${path}: introduced by name, in Chinese`, () => {
      const text = read(`zh-cn/${path}`);
      expect(text).toContain(`《${TITLE}》`);
      expect(text).toMatch(/流传很广的中文清单/);
      expect(text).toMatch(/原文/);
    });
  }

  it('lesson 1.1 answers "function entry and exit" with a verdict, in both languages', () => {
    const en = read('principles/how-the-tracer-works.mdx');
    const zh = read('zh-cn/principles/how-the-tracer-works.mdx');
    expect(en).toMatch(/^## Claim: .*function entry and exit/m);
    expect(en).toMatch(/records no function calls/);
    expect(zh).toMatch(/^## 原文说法：.*函数进入\/退出/m);
    expect(zh).toMatch(/不记录任何函数调用/);
    for (const text of [en, zh]) expect(text).toContain('internal/trace/tracev2/events.go');
  });
});

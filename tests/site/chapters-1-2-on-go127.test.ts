/**
 * Lessons 1.1-1.3 and 2.2-2.5 show runs on Go 1.27.3 (the guide's reference Go), in both languages:
 * each says so, none uses the debug modes Go 1.23's `go tool trace -d` had and Go 1.26+ rejects, none
 * (nor its quiz) names a Go 1.23 recording, and none says its code "was not run here" (the Go 1.25 flight recorder, before Go 1.27 ran it). (Lesson 2.1
 * shows no Go run: its evidence is OpenTelemetry's source.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LESSONS = [
  'principles/how-the-tracer-works', 'principles/capturing-and-opening', 'principles/version-history',
  'init/late-start', 'init/start-timing', 'init/godebug-mixing', 'init/start-twice',
];
const read = (path: string) => readFileSync(new URL(`../../content/docs/${path}`, import.meta.url), 'utf8');

describe('chapters 1 and 2 on Go 1.27', () => {
  for (const slug of LESSONS) {
    for (const locale of ['', 'zh-cn/']) {
      it(`${locale}${slug}: runs on go1.27.3, no -d=1/-d=2, no Go 1.23 recording, nothing "not run here"`, () => {
        const text = read(`${locale}${slug}.mdx`);
        expect(text).toContain('go1.27.3 linux/amd64');
        expect(text).not.toMatch(/-d=[12]\b/);
        expect(text).not.toMatch(/\.go1\.23\.trace/);
        expect(text).not.toMatch(/[Ii]t was not run here|so it was not run here|这里没有实际运行它|这段代码没有在这里运行/);
      });
    }
    it(`${slug}: its quiz names no Go 1.23 recording`, () => {
      const quiz = `${slug}.quiz.yaml`;
      expect(existsSync(new URL(`../../content/docs/${quiz}`, import.meta.url))).toBe(true);
      expect(read(quiz)).not.toMatch(/\.go1\.23\.trace/);
    });
  }
});

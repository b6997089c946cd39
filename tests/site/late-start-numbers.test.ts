/**
 * Lesson 2.2 shows what the late-start recordings printed and counts their goroutines and GC cycles.
 * The printed lines must be the recordings' own output (playground/traces/<file>.out.txt), the
 * table's counts the manifest's facts (computed from Go 1.27's `go tool trace -d=parsed`), in both
 * languages; and both languages must explain why the program's "10 goroutines already alive" and
 * "GC cycles after warm-up" differ from the trace (NumGoroutine leaves out system goroutines; the
 * GCs it counts ended before trace.Start).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
interface Entry { file: string; facts: { goroutines: number; preexistingGoroutines: number; gcs: number } }
const manifest: Entry[] = JSON.parse(read('playground/traces/manifest.json'));
const lessons = { en: read('content/docs/init/late-start.mdx'), zh: read('content/docs/zh-cn/init/late-start.mdx') };
const recordings = ['late-start-broken.go1.27.trace', 'late-start-fixed.go1.27.trace'];

describe('lesson 2.2: the late-start numbers', () => {
  for (const [lang, text] of Object.entries(lessons)) {
    for (const file of recordings) {
      it(`${lang}: shows what ${file} printed, and counts it as the manifest does`, () => {
        const printed = read(`playground/traces/${file}.out.txt`).trimEnd().split('\n').filter((l) => !l.startsWith('init() runs'));
        const block = printed.join('\n');
        expect(text, `the lesson shows:\n${block}`).toContain('```text\n' + block + '\n```');
        const f = manifest.find((e) => e.file === file)!.facts;
        const row = `| \`${file}\` | ${f.preexistingGoroutines} | ${f.goroutines - f.preexistingGoroutines} | ${f.gcs} |`;
        expect(text).toContain(row);
        expect(text).toContain(`TraceViewer\n  trace="${file}"`);
      });
    }
    it(`${lang}: explains the program's counts against the trace's`, () => {
      expect(text).toContain('runtime.NumGoroutine()');
      expect(text).toContain('gcount(false)');
      expect(text).toContain('GC cycles after warm-up: 2');
      expect(text).not.toMatch(/go1\.23\.trace/);
    });
  }
});

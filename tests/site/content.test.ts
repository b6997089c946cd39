/**
 * Every published pitfall lesson (2.1–4.4) has the sections a lesson promises, in both languages, and
 * names an API that does not exist only where it refutes it: inside "The claim" section or inside
 * <Refuted>…</Refuted>.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonFile, publishedLessons, readOutline } from '../../src/site/outline.ts';

const root = new URL('../../', import.meta.url);
const outline = readOutline(root);
const pitfalls = outline.chapters.filter((c) => ['init', 'spans', 'export'].includes(c.id)).flatMap((c) => c.lessons);
const published = new Set(publishedLessons(root, outline));

const SECTIONS = {
  '': ['The claim', 'What really happens', 'The evidence', 'The real pitfall', 'The fix', 'Before you ship'],
  'zh-cn': ['常见说法', '实际情况', '证据', '真正的陷阱', '修正', '上线前检查'],
};

/** APIs, flags and settings the seed article invents (../shared/design/fact-sheet.md). */
export const INVENTED = [
  'context.WithSpan',
  'GODEBUG=tracegc',
  'go run -trace',
  '-gcflags="-m" -trace',
  'OTEL_TRACES_SAMPLING_RATE',
  'runtime/trace.Trace',
  'GODEBUG=tracer=1',
  'traceGCStart',
  'spanSlot',
  'getcurrentp',
  'openTraceFile',
  'retryExporter',
  'otel/sdk/export/trace',
  'traces_sampler',
];

function headings(text: string): string[] {
  return [...text.matchAll(/^##\s+(.+)$/gm)].map((m) => m[1].trim());
}

/** The lesson without the passages allowed to name invented APIs. */
function outsideRefutations(text: string, claimHeading: string): string {
  const withoutRefuted = text.replace(/<Refuted>[\s\S]*?<\/Refuted>/g, '');
  const parts = withoutRefuted.split(/^(?=##\s)/m);
  return parts.filter((p) => !p.startsWith(`## ${claimHeading}`)).join('');
}

describe('pitfall lessons', () => {
  it('the known invented APIs list is not empty', () => expect(INVENTED.length).toBeGreaterThan(10));

  for (const slug of pitfalls.filter((s) => published.has(s))) {
    describe(slug, () => {
      for (const [locale, sections] of Object.entries(SECTIONS)) {
        const file = lessonFile(root, slug, locale);
        it(`${locale || 'en'}: has every section, in order`, () => {
          expect(file, `${locale}/${slug} missing`).toBeDefined();
          const hs = headings(readFileSync(file!, 'utf8'));
          const positions = sections.map((s) => hs.findIndex((h) => h.startsWith(s)));
          expect(positions.every((p) => p >= 0), `sections ${sections.join(', ')} in ${hs.join(' | ')}`).toBe(true);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        });
        it(`${locale || 'en'}: names invented APIs only to refute them`, () => {
          const text = outsideRefutations(readFileSync(file!, 'utf8'), sections[0]);
          const cited = INVENTED.filter((api) => text.includes(api));
          expect(cited).toEqual([]);
        });
        it(`${locale || 'en'}: has a quiz, a diagram or trace, and Go code`, () => {
          const text = readFileSync(file!, 'utf8');
          expect(text).toMatch(/<Quiz lesson=/);
          expect(text).toMatch(/```go/);
          expect(text).toMatch(/```mermaid|<TraceViewer/);
        });
      }
    });
  }
});

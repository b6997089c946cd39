/**
 * The course's quizzes: every chapter-1 lesson has one, with its "before you ship" checklist and at
 * least one question; the lessons embed it (both languages) instead of a plain list; every checklist
 * anchor is a heading of the lesson in its language; every predict-the-trace question works on its
 * recorded trace (a choice has exactly one right option for the trace's real value).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/analysis/index.ts';
import { correctPredictOptions } from '../../src/quiz/grade.ts';
import { runProbe } from '../../src/quiz/probes.ts';
import { LANGS, quizSchema, type Quiz } from '../../src/quiz/schema.ts';
import { readOutline } from '../../src/site/outline.ts';
import { docs, quizFiles, root, traces } from './helpers.ts';

const outline = readOutline(new URL(`file://${root}`));
const chapter1 = outline.chapters.find((c) => c.id === 'principles')!.lessons;
const quizzes = new Map<string, Quiz>([...quizFiles()].map(([slug, data]) => [slug, quizSchema().parse(data)]));
const localeDir = { en: '', 'zh-CN': 'zh-cn/' } as const;

/** Heading ids of an MDX lesson as the build makes them (github-slugger over the heading text). */
function headingIds(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const ids = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = line.match(/^#{2,6}\s+(.*?)\s*$/);
    if (m) ids.add(slugger.slug(m[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')));
  }
  return ids;
}

/** Every localised text of a quiz, with where it is. */
function texts(quiz: Quiz): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.en === 'string' && typeof o['zh-CN'] === 'string' && !path.endsWith('anchor')) {
        for (const l of LANGS) out.push([`${path}.${l}`, o[l] as string]);
      } else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
    }
  };
  walk(quiz, 'quiz');
  return out;
}

describe('chapter 1 quizzes', () => {
  for (const slug of chapter1) {
    describe(slug, () => {
      const quiz = quizzes.get(slug);

      it('has a quiz with a checklist and at least one other question', () => {
        expect(quiz, `content/docs/${slug}.quiz.yaml`).toBeDefined();
        expect(quiz!.questions.filter((q) => q.type === 'checklist')).toHaveLength(1);
        expect(quiz!.questions.filter((q) => q.type !== 'checklist').length).toBeGreaterThanOrEqual(1);
      });

      for (const lang of LANGS) {
        const file = join(docs, `${localeDir[lang]}${slug}.mdx`);

        it(`${lang}: the lesson embeds the quiz under its "before you ship" heading, with no plain list left`, () => {
          const text = readFileSync(file, 'utf8');
          expect(text).toContain(`<Quiz lesson="${slug}" />`);
          expect(text).toMatch(/^import Quiz from '(\.\.\/)+src\/components\/quiz\/Quiz\.astro';$/m);
          expect(text).not.toMatch(/^- \[ \]/m);
          const heading = lang === 'en' ? '## Before you ship' : '## 上线前检查';
          expect(text.slice(text.indexOf(heading))).toMatch(new RegExp(`^${heading}\\n\\n<Quiz lesson="${slug}" />`));
        });

        it(`${lang}: every checklist anchor is a heading of the lesson`, () => {
          const ids = headingIds(file);
          for (const q of quiz?.questions ?? []) {
            if (q.type !== 'checklist') continue;
            for (const item of q.items) expect(ids, `${item.id} -> #${item.anchor[lang]}`).toContain(item.anchor[lang]);
          }
        });
      }
    });
  }

  it('lesson 1.1 asks for the GC count of its sample trace, and chapter 1 has another predict-the-trace question', () => {
    const predicts = chapter1.flatMap((s) => quizzes.get(s)?.questions.filter((q) => q.type === 'predict-trace') ?? []);
    expect(
      quizzes.get('principles/how-the-tracer-works')!.questions.some(
        (q) => q.type === 'predict-trace' && q.trace === 'anatomy-default.go1.27.trace' && q.probe === 'gcCount',
      ),
    ).toBe(true);
    expect(new Set(predicts.map((q) => `${q.type === 'predict-trace' && q.trace}/${q.type === 'predict-trace' && q.probe}`)).size).toBeGreaterThanOrEqual(2);
  });
});

describe('every quiz', () => {
  for (const [slug, quiz] of quizzes) {
    it(`${slug}: predict-the-trace questions work on their recorded trace`, () => {
      for (const q of quiz.questions) {
        if (q.type !== 'predict-trace') continue;
        expect(existsSync(join(traces, q.trace)), q.trace).toBe(true);
        const value = runProbe(q.probe, analyseBytes(new Uint8Array(readFileSync(join(traces, q.trace)))));
        if (q.answer.kind === 'number') expect(typeof value, `${q.id}: a number probe`).toBe('number');
        else expect(correctPredictOptions(q.answer.options, value), `${q.id}: exactly one option fits ${String(value)}`).toHaveLength(1);
      }
    });

    it(`${slug}: texts have paired backticks, and {answer} only where a probe fills it`, () => {
      for (const [path, text] of texts(quiz)) {
        expect((text.match(/`/g) ?? []).length % 2, `${path}: ${text}`).toBe(0);
        if (text.includes('{answer}')) {
          const i = Number(path.split('.')[2]);
          expect(quiz.questions[i].type, `${path} uses {answer}`).toBe('predict-trace');
        }
        expect(text, path).not.toMatch(/\{(?!answer\})[a-z]+\}/);
      }
    });

    it(`${slug}: the page exists in both languages`, () => {
      for (const lang of LANGS) expect(existsSync(join(docs, `${localeDir[lang]}${slug}.mdx`)), lang).toBe(true);
    });
  }
});

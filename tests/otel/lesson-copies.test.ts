// The copies of the lessons' code that tests/otel compiles (playground/otel/lesson-snippets) and
// runs (playground/otel/maturity-path) are the lessons' own blocks, in both languages: checked
// without Go, so a lesson and its copy cannot drift apart. For the lessons in CHECKED, also every
// code block that uses OpenTelemetry (and is not a source quote) has a compiled copy.
//
// A copy in lesson-snippets (markers: ./lesson-code.ts) must equal a whole block of its kind in the
// lesson, after removing the indentation common to all its lines; for a diff block, the block's
// new side (its ' ' and '+' lines). A
// program in maturity-path/<dir>/main.go is the lesson's Go block with the same first line. With
// Go 1.27 here, the files holding the checked lessons' copies must also be gofmt-clean, so the
// lessons show gofmt's layout.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GO } from '../../playground/otel/harness/toolchain.ts';
import { codeBlocks, comparable, lessonCopies, lessonText as text } from './lesson-code.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const otel = path.join(root, 'playground/otel');

/** The lessons all of whose OpenTelemetry blocks must have a compiled copy (chapters 4 and 5). */
const CHECKED = [
  'export/default-sampling', 'export/tls-downgrade', 'export/timeout-retry', 'export/httptrace-race', 'maturity/path',
];

const lessonText = (lesson: string, zh: boolean) => text(root, lesson, zh);
const snippetCopies = () => lessonCopies(root, 'playground/otel/lesson-snippets');

/** Go text without its string literals and comments: what the compiler reads as names. */
const code = (go: string) => go.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'/g, '""').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');

/** Code blocks of a lesson that use OpenTelemetry's Go API, source quotes left out. */
function otelBlocks(lesson: string, zh: boolean): string[] {
  return codeBlocks(lessonText(lesson, zh))
    .filter((b) => (b.lang === 'go' || b.lang === 'diff') && !/\bsource="/.test(b.attrs))
    .map(comparable)
    .filter((t) => /\b(otel|sdktrace|oteltrace|otlptrace|otlptracegrpc|otlptracehttp|otelhttp|otelhttptrace|propagation|stdr)\.[A-Za-z]/.test(code(t)));
}

describe('copies of the lessons\' code (playground/otel)', () => {
  const copies = snippetCopies();

  it('finds the marked copies, those of the checked lessons among them', () => {
    expect(copies.length).toBeGreaterThanOrEqual(14);
    expect(copies.filter((c) => CHECKED.includes(c.lesson)).length).toBeGreaterThanOrEqual(6);
  });

  for (const c of copies) {
    it(`${c.file}:${c.line} is a whole ${c.lang} block of ${c.lesson}, in English and in Chinese`, () => {
      for (const zh of [false, true]) {
        const same = codeBlocks(lessonText(c.lesson, zh)).filter((b) => b.lang === c.lang).map(comparable);
        expect(same, `${zh ? 'zh-cn/' : ''}${c.lesson}.mdx has no ${c.lang} block equal to ${c.file}:${c.line}; copy the lesson's block again (or fix the lesson)`).toContain(c.text);
      }
    });
  }

  for (const lesson of CHECKED) {
    for (const zh of [false, true]) {
      const name = `${zh ? 'zh-cn/' : ''}${lesson}`;
      it(`${name}: every OpenTelemetry block has a compiled copy`, () => {
        const copied = new Set(copies.filter((c) => c.lesson === lesson).map((c) => c.text));
        for (const block of otelBlocks(lesson, zh)) {
          expect(copied.has(block), `${name}.mdx has an OpenTelemetry block with no copy in playground/otel/lesson-snippets:\n${block}`).toBe(true);
        }
      });
    }
  }

  it('maturity-path: each program is lesson 5.1\'s block with its first line, in both languages', () => {
    const dirs = readdirSync(path.join(otel, 'maturity-path'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(['blockrate', 'flightrecorder', 'mw']);
    for (const zh of [false, true]) {
      const blocks = codeBlocks(lessonText('maturity/path', zh)).filter((b) => b.lang === 'go');
      for (const d of dirs) {
        const program = readFileSync(path.join(otel, 'maturity-path', d.name, 'main.go'), 'utf8');
        const first = program.split('\n')[0];
        const found = blocks.filter((b) => b.text.split('\n')[0] === first);
        expect(found, `${zh ? 'zh-cn/' : ''}maturity/path.mdx: Go blocks starting "${first}"`).toHaveLength(1);
        expect(program, `maturity-path/${d.name}/main.go`).toBe(found[0].text);
      }
    }
  });
});

describe.skipIf(!haveOtelToolchain('gofmt on the checked lessons\' copies'))('gofmt on the checked lessons\' copies', () => {
  it('every file with a copy of a chapter 4-5 lesson\'s code, and the 5.1 programs, is gofmt-clean', () => {
    const files = [...new Set(snippetCopies().filter((c) => CHECKED.includes(c.lesson)).map((c) => c.file))]
      .concat(readdirSync(path.join(otel, 'maturity-path'), { withFileTypes: true }).filter((e) => e.isDirectory())
        .map((e) => path.join('playground/otel/maturity-path', e.name, 'main.go')));
    const r = spawnSync(path.join(path.dirname(GO), 'gofmt'), ['-l', ...files], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });
});

// The copies of the lessons' code that tests/otel compiles (playground/otel/lesson-snippets) and
// runs (playground/otel/maturity-path) are the lessons' own blocks, in both languages: checked
// without Go, so a lesson and its copy cannot drift apart. For the lessons in CHECKED, also every
// code block that uses OpenTelemetry (and is not a source quote) has a compiled copy.
//
// A copy in lesson-snippets sits between
//   // --- verbatim from content/docs/<lesson>.mdx, go block ... ---   (or "diff block")
//   // --- end of the lesson's code ---
// and must equal a whole block of that language in the lesson, after removing the indentation
// common to all its lines; for a diff block, the block's new side (its ' ' and '+' lines). A
// program in maturity-path/<dir>/main.go is the lesson's Go block with the same first line. With
// Go 1.27 here, the files holding the checked lessons' copies must also be gofmt-clean, so the
// lessons show gofmt's layout.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GO } from '../../playground/otel/harness/toolchain.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const otel = path.join(root, 'playground/otel');

/** The lessons whose copies this test holds to their text (chapters 4 and 5). */
const CHECKED = [
  'export/default-sampling', 'export/tls-downgrade', 'export/timeout-retry', 'export/httptrace-race', 'maturity/path',
];

interface Block { lang: string; attrs: string; text: string }

/** Fenced code blocks of a Markdown/MDX text, with their language and the rest of the fence line. */
export function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^(`{3,})(\w*)([^\n]*)\n([\s\S]*?)^\1\s*$/gm)]
    .map((m) => ({ lang: m[2], attrs: m[3], text: m[4] }));
}

/** Lines without the indentation common to all non-blank lines, and without blank ends. */
export function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[\t ]*/.exec(l)![0]);
  const common = indents.reduce((a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return a.slice(0, i); }, indents[0] ?? '');
  return lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trim())).map((l) => l.replace(/\s+$/, '')).join('\n');
}

/** The new side of a unified diff block: its context and added lines. */
export function newSide(diff: string): string {
  return diff.split('\n').filter((l) => !l.startsWith('-')).map((l) => l.slice(1)).join('\n');
}

/** The text of a block as a copy must hold it. */
const comparable = (b: Block) => dedent(b.lang === 'diff' ? newSide(b.text) : b.text);

interface Copy { file: string; lesson: string; lang: string; text: string }

/** The verbatim regions of the lesson-snippets files. */
function snippetCopies(): Copy[] {
  const dir = path.join(otel, 'lesson-snippets');
  const copies: Copy[] = [];
  for (const pkg of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const f of readdirSync(path.join(dir, pkg.name)).filter((f) => f.endsWith('.go'))) {
      const file = path.join('playground/otel/lesson-snippets', pkg.name, f);
      const src = readFileSync(path.join(root, file), 'utf8');
      for (const m of src.matchAll(/^[\t ]*\/\/ --- verbatim from content\/docs\/(\S+)\.mdx, (go|diff) block[^\n]*---\n([\s\S]*?)^[\t ]*\/\/ --- end of the lesson's code ---$/gm)) {
        copies.push({ file, lesson: m[1], lang: m[2], text: dedent(m[3]) });
      }
    }
  }
  return copies;
}

const lessonText = (lesson: string, zh: boolean) => readFileSync(path.join(root, 'content/docs', zh ? 'zh-cn' : '', `${lesson}.mdx`), 'utf8');

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

  it('finds the copies of the checked lessons', () => {
    expect(copies.filter((c) => CHECKED.includes(c.lesson)).length).toBeGreaterThanOrEqual(6);
  });

  for (const lesson of CHECKED) {
    for (const zh of [false, true]) {
      const name = `${zh ? 'zh-cn/' : ''}${lesson}`;
      it(`${name}: every copy is a whole block of the lesson, and every OpenTelemetry block has a copy`, () => {
        const blocks = codeBlocks(lessonText(lesson, zh));
        for (const c of copies.filter((c) => c.lesson === lesson)) {
          const same = blocks.filter((b) => b.lang === c.lang).map(comparable);
          expect(same, `${c.file}: its copy of a ${c.lang} block is not in ${name}.mdx`).toContain(c.text);
        }
        const copied = new Set(copies.filter((c) => c.lesson === lesson).map((c) => c.text));
        for (const text of otelBlocks(lesson, zh)) {
          expect(copied.has(text), `${name}.mdx has an OpenTelemetry block with no copy in playground/otel/lesson-snippets:\n${text}`).toBe(true);
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

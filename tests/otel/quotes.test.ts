// Every code block in a lesson that names its source (```go source="otel:sdk/trace/span.go"```)
// must still say what the packaged source says: OpenTelemetry Go as Debian unstable ships it
// (playground/otel/debian-packages.txt) and Go 1.27's GOROOT. See quote-check.ts for the rules.
// Without those sources the check skips with a message, and fails under CI.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goRoot } from '../../scripts/toolchains.ts';
import { gocode } from '../../playground/otel/harness/toolchain.ts';
import { checkBlock, quotedBlocks, type QuotedBlock, type SourceRoots } from './quote-check.ts';

const root = path.resolve(import.meta.dirname, '../..');
const roots: SourceRoots = {
  otel: path.join(gocode(), 'src/go.opentelemetry.io/otel'),
  contrib: path.join(gocode(), 'src/go.opentelemetry.io/contrib'),
  collector: path.join(gocode(), 'src/go.opentelemetry.io/collector'),
  go: goRoot('1.27'),
};

const lessons = readdirSync(path.join(root, 'content/docs'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.mdx'))
  .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
  .sort();
const blocks: QuotedBlock[] = lessons.flatMap((file) => quotedBlocks(file, readFileSync(path.join(root, file), 'utf8')));
const missing = Object.entries(roots).filter(([, dir]) => !existsSync(dir)).map(([k, dir]) => `${k}: ${dir}`);

describe('source quotes in lessons', () => {
  it('reads every lesson in both languages', () => {
    expect(lessons.filter((l) => l.includes('/zh-cn/')).length).toBeGreaterThan(10);
    expect(lessons.filter((l) => !l.includes('/zh-cn/')).length).toBeGreaterThan(10);
  });

  if (missing.length) {
    it(`checks ${blocks.length} quoted blocks (skipped: packaged sources missing, ${missing.join('; ')})`, () => {
      if (process.env.CI) throw new Error(`CI must check the lessons' quotes, but the packaged sources are missing: ${missing.join('; ')}`);
    });
    return;
  }

  it('the packaged sources are the versions the guide cites', () => {
    expect(readFileSync(path.join(roots.otel, 'version.go'), 'utf8')).toMatch(/return "1\.46\.\d+"/);
    expect(readFileSync(path.join(roots.go, 'VERSION'), 'utf8')).toMatch(/^go1\.27/);
  });

  for (const [lesson, inLesson] of Object.entries(Object.groupBy(blocks, (b) => b.file))) {
    it(`${lesson}: ${inLesson!.length} quoted block(s) match the packaged source`, () => {
      const drifted = inLesson!.map((b) => checkBlock(b, roots)).filter((m) => m !== null);
      expect(drifted).toEqual([]);
    });
  }
});

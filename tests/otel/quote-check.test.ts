// The quote checker on fixtures (a good quote passes, one changed character fails, elisions keep
// order), and the fence attribute it reads is harmless to the site's Markdown pipeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import rehypeExpressiveCode from 'rehype-expressive-code';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { checkBlock, checkQuote, quotedBlocks, type SourceRoots } from './quote-check.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/quotes');
const roots: SourceRoots = { otel: path.join(fixtures, 'otel'), contrib: fixtures, collector: fixtures, go: fixtures };
const source = readFileSync(path.join(fixtures, 'otel/sdk/trace/sampler_env.go'), 'utf8');
const lesson = readFileSync(path.join(fixtures, 'lesson.mdx'), 'utf8');

describe('quote checker', () => {
  const blocks = quotedBlocks('lesson.mdx', lesson);

  it('finds the blocks that name a source, and only those', () => {
    expect(blocks.map((b) => [b.line, b.source])).toEqual([[7, 'otel:sdk/trace/sampler_env.go'], [25, 'otel:sdk/trace/sampler_env.go']]);
  });

  it('a good quote passes: whitespace normalised per line, "// ..." skips lines', () => {
    expect(checkBlock(blocks[0], roots)).toBeNull();
  });

  it('changing one character fails, naming the lesson, the block and the line', () => {
    const changed = blocks[0].text.replace('TraceIDRatioBased(1.0)', 'TraceIDRatioBased(1.5)');
    expect(checkQuote(changed, source)).toMatchObject({ line: 6, quoted: 'return TraceIDRatioBased(1.5), nil' });
    expect(checkBlock(blocks[1], roots)).toBe(
      'lesson.mdx:25: the block quoting otel:sdk/trace/sampler_env.go drifted at its line 2: '
      + '"ratio, err := parseTraceIDRatio(samplerArg, hasSamplerArg)" is not in the source there (closest: line 13: if !hasSamplerArg {)',
    );
  });

  it('lines must be consecutive between elisions, and the pieces in order', () => {
    expect(checkQuote('sampler, ok := os.LookupEnv(tracesSamplerKey)\ncase samplerTraceIDRatio:', source)).not.toBeNull();
    expect(checkQuote('sampler, ok := os.LookupEnv(tracesSamplerKey)\n// ...\ncase samplerTraceIDRatio:', source)).toBeNull();
    expect(checkQuote('case samplerTraceIDRatio:\n// ...\nsampler, ok := os.LookupEnv(tracesSamplerKey)', source)).not.toBeNull();
  });

  it('a missing file or an unknown prefix is reported', () => {
    expect(checkBlock({ ...blocks[0], source: 'otel:nope.go' }, roots)).toMatch(/^lesson\.mdx:7: source="otel:nope\.go": no such file/);
    expect(checkBlock({ ...blocks[0], source: 'pkg:x.go' }, roots)).toMatch(/expected otel:, contrib:, collector: or go:/);
    expect(checkBlock({ ...blocks[0], source: 'otel:../../x.go' }, roots)).toMatch(/leaves its root/);
  });
});

describe('the source attribute in the Markdown pipeline', () => {
  it('Expressive Code renders a block with source="..." like one without, and prints no attribute', async () => {
    const render = async (md: string) => String(await unified().use(remarkParse).use(remarkRehype)
      .use(rehypeExpressiveCode, { themes: ['github-dark'] }).use(rehypeStringify).process(md));
    const plain = await render('```go\nfunc f() {}\n```\n');
    const quoted = await render('```go source="otel:sdk/trace/sampler_env.go"\nfunc f() {}\n```\n');
    expect(quoted).not.toContain('source=');
    expect(quoted).not.toContain('sampler_env');
    expect(quoted).toBe(plain);
  });
});

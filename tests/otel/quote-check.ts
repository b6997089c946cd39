// The quote checker: a code block in a lesson that quotes OpenTelemetry or Go source names the
// file in its fence, and this module checks the block against that file as packaged (OpenTelemetry
// Go 1.46 from Debian unstable, Go 1.27's GOROOT):
//
//   ```go source="otel:sdk/trace/sampler_env.go"
//   func samplerFromEnv() (Sampler, error) {
//   	// ...
//   	case samplerTraceIDRatio:
//   ```
//
// Sources: otel:PATH (go.opentelemetry.io/otel), contrib:PATH (go.opentelemetry.io/contrib),
// collector:PATH (go.opentelemetry.io/collector), go:PATH (GOROOT, e.g. go:src/runtime/trace/...).
// A line that is only `// ...` marks an elision. Every other line must appear in the file,
// whitespace-normalised (runs of spaces and tabs as one space, ends trimmed; blank lines
// ignored), consecutive between elisions, and the pieces in order.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface QuotedBlock {
  /** The lesson, relative to the repository. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  source: string;
  text: string;
}

/** Code blocks with a source="..." attribute in their fence, from an MDX or Markdown text. */
export function quotedBlocks(file: string, markdown: string): QuotedBlock[] {
  const blocks: QuotedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(\S*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(indent + fence)) end++;
    const source = /(?:^|\s)source="([^"]+)"/.exec(open[4])?.[1];
    if (source) {
      blocks.push({ file, line: i + 1, source, text: lines.slice(i + 1, end).map((l) => l.slice(indent.length)).join('\n') });
    }
    i = end;
  }
  return blocks;
}

export interface SourceRoots { otel: string; contrib: string; collector: string; go: string }

export function resolveSource(source: string, roots: SourceRoots): string {
  const m = /^(otel|contrib|collector|go):(.+)$/.exec(source);
  if (!m) throw new Error(`source="${source}": expected otel:, contrib:, collector: or go: and a path`);
  const file = path.join(roots[m[1] as keyof SourceRoots], m[2]);
  if (!path.resolve(file).startsWith(path.resolve(roots[m[1] as keyof SourceRoots]))) throw new Error(`source="${source}" leaves its root`);
  return file;
}

const normalise = (line: string) => line.replace(/[ \t]+/g, ' ').trim();
const isElision = (line: string) => /^\/\/ ?(\.\.\.|…)$/.test(line.trim());

/**
 * Checks a quote against a source text. Returns null when it matches, or the first quoted line
 * that could not be found where it should be, with what the source has there.
 */
export function checkQuote(quote: string, source: string): null | { line: number; quoted: string; expected: string } {
  const src = source.split('\n').map(normalise);
  const srcIndex = src.map((l, i) => [l, i] as const).filter(([l]) => l !== '');
  // Pieces of consecutive non-blank lines, split at elisions.
  const pieces: { text: string; line: number }[][] = [[]];
  quote.split('\n').forEach((raw, i) => {
    if (isElision(raw)) { pieces.push([]); return; }
    const text = normalise(raw);
    if (text) pieces.at(-1)!.push({ text, line: i + 1 });
  });
  let from = 0; // index into srcIndex where the next piece may start
  for (const piece of pieces.filter((p) => p.length)) {
    let found = -1;
    let best = { at: -1, matched: -1 };
    for (let s = from; s + piece.length <= srcIndex.length; s++) {
      let k = 0;
      while (k < piece.length && srcIndex[s + k][0] === piece[k].text) k++;
      if (k === piece.length) { found = s; break; }
      if (k > best.matched) best = { at: s, matched: k };
    }
    if (found < 0) {
      const miss = piece[Math.max(best.matched, 0)];
      const at = best.at >= 0 ? srcIndex[best.at + best.matched] : undefined;
      return { line: miss.line, quoted: miss.text, expected: at ? `line ${at[1] + 1}: ${at[0]}` : 'nothing after the previous piece' };
    }
    from = found + piece.length;
  }
  return null;
}

/** Checks one block against its file; a message naming the lesson and the block, or null. */
export function checkBlock(block: QuotedBlock, roots: SourceRoots): string | null {
  let file: string;
  try {
    file = resolveSource(block.source, roots);
  } catch (e) {
    return `${block.file}:${block.line}: ${(e as Error).message}`;
  }
  if (!existsSync(file)) return `${block.file}:${block.line}: source="${block.source}": no such file ${file}`;
  const miss = checkQuote(block.text, readFileSync(file, 'utf8'));
  if (!miss) return null;
  return `${block.file}:${block.line}: the block quoting ${block.source} drifted at its line ${miss.line}: "${miss.quoted}" is not in the source there (closest: ${miss.expected})`;
}

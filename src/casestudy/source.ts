/**
 * Go source shown in chapter 6, taken from the program's own files at build time: a top-level
 * declaration with its doc comment (GoSource.astro), and a line diff between the broken and the
 * fixed program (GoDiff.astro). The lessons hold no copy of the code.
 */

/**
 * The top-level declaration of `source` whose first line starts with `decl` (`func (c *cache) get(`,
 * `type shipper struct`, `func main()`), with the comment lines right above it, up to its closing
 * line: the first line that is `}` or `)` at column 0, or the declaration's own line when it closes
 * there.
 */
export function extractDecl(source: string, decl: string): string {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.startsWith(decl));
  if (at < 0) throw new Error(`no declaration starting with ${JSON.stringify(decl)}`);
  if (lines.findIndex((l, i) => i > at && l.startsWith(decl)) >= 0) throw new Error(`more than one declaration starts with ${JSON.stringify(decl)}`);
  let first = at;
  while (first > 0 && lines[first - 1].startsWith('//')) first--;
  const opens = /[{(]$/.test(lines[at].trimEnd());
  let last = at;
  if (opens) {
    last = lines.findIndex((l, i) => i > at && (l === '}' || l === ')'));
    if (last < 0) throw new Error(`the declaration ${JSON.stringify(decl)} does not close`);
  }
  return lines.slice(first, last + 1).join('\n');
}

/** One line of a diff: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** The shortest line diff from `a` to `b` (longest common subsequence), in order. */
export function lineDiff(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i:] and b[j:].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: '-', text: a[i++] }); // removals before additions, as diff prints them
    } else {
      out.push({ op: '+', text: b[j++] });
    }
  }
  return out;
}

/**
 * A unified diff of `a` to `b` with `context` unchanged lines around each change (no @@ headers:
 * hunks are separated by a line `…`), as a ```diff block shows it.
 */
export function unifiedDiff(a: string, b: string, context = 2): string {
  const lines = lineDiff(a.split('\n'), b.split('\n'));
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: string[] = [];
  let gap = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      gap = true;
      return;
    }
    if (gap && out.length > 0) out.push('…');
    gap = false;
    out.push(`${l.op}${l.text}`);
  });
  return out.join('\n');
}

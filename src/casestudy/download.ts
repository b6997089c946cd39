/**
 * A Go exercise's program as the reader downloads it. The guide keeps the program as a package of its
 * scenario runner (playground/go/scenarios/<name>/broken/<file>, one standard-library file with its
 * own func main); the download is that same file with its package clause changed to `package main`,
 * and nothing else, so the program the page runs, the one the traces were recorded from and the one
 * the reader gets cannot differ (tests/casestudy/download.test.ts builds and runs the download).
 */

const PACKAGE_CLAUSE = /^package [a-z][a-z0-9_]*$/m;

/** The file as a command: its package clause replaced by `package main`. */
export function asCommand(source: string): string {
  const m = PACKAGE_CLAUSE.exec(source);
  if (!m) throw new Error('asCommand: the file has no package clause');
  if (!/^func main\(\) \{$/m.test(source)) throw new Error('asCommand: the file has no func main');
  return `${source.slice(0, m.index)}package main${source.slice(m.index + m[0].length)}`;
}

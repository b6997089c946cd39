// golang.org/x/exp/trace is generated from Go's src/internal/trace: the same files under that import
// path. A program that imports it (as the lessons' programs do) is built here against the one
// generated from a toolchain's own source, so it reads traces exactly as that Go release does, with
// no module download.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goRoot } from './toolchains.ts';

/**
 * Writes, under root, golang.org/x/exp/trace made from Go `goVersion`'s internal/trace (xexp/) and a
 * module `name` holding mainGo that requires it (name/), and returns the program's directory.
 */
export function xexpTraceProgram(root: string, goVersion: string, name: string, mainGo: string | Uint8Array): string {
  const src = join(goRoot(goVersion), 'src/internal/trace');
  const xexp = join(root, 'xexp');
  mkdirSync(xexp);
  writeFileSync(join(xexp, 'go.mod'), `module golang.org/x/exp\n\ngo ${goVersion}\n`);
  for (const dir of ['.', 'tracev2', 'version', 'internal/tracev1']) {
    const out = join(xexp, 'trace', dir);
    mkdirSync(out, { recursive: true });
    for (const f of readdirSync(join(src, dir))) {
      if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
      writeFileSync(join(out, f), readFileSync(join(src, dir, f), 'utf8').replaceAll('"internal/trace', '"golang.org/x/exp/trace'));
    }
  }
  const prog = join(root, name);
  mkdirSync(prog);
  writeFileSync(join(prog, 'main.go'), mainGo);
  writeFileSync(join(prog, 'go.mod'), `module ${name}\n\ngo ${goVersion}\n\nrequire golang.org/x/exp v0.0.0\n\nreplace golang.org/x/exp => ../xexp\n`);
  return prog;
}

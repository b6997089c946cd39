/**
 * Every Go snippet in the lessons that is a whole standard-library program compiles and passes
 * `go vet` (Go 1.23). Fragments (no `package` clause) and programs importing modules (OpenTelemetry,
 * x/exp) are not compiled: lessons name the module version those describe. Programs using APIs newer
 * than Go 1.23 (the Go 1.25 flight recorder) are checked by the Go 1.25+ toolchain only, so skipped here.
 * Without Go the test skips with a message; under CI that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const GO = '/usr/lib/go-1.23/bin/go';
const haveGo = existsSync(GO);
const docs = 'content/docs';
const NEWER_THAN_123 = [/NewFlightRecorder|FlightRecorderConfig/];

function lessons(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mdx'))
    .map((e) => join(e.parentPath, e.name));
}

interface Snippet { file: string; index: number; code: string }

function goPrograms(): { programs: Snippet[]; fragments: number; modules: number; newer: number } {
  const programs: Snippet[] = [];
  let fragments = 0;
  let modules = 0;
  let newer = 0;
  for (const file of lessons(docs)) {
    const text = readFileSync(file, 'utf8');
    let index = 0;
    for (const m of text.matchAll(/^```go[^\n]*\n([\s\S]*?)^```/gm)) {
      index++;
      const code = m[1];
      if (!/^package\s+\w+/m.test(code)) { fragments++; continue; }
      const imports = [...code.matchAll(/^\s*(?:\w+\s+|_\s+)?"([^"]+)"\s*$/gm)].map((i) => i[1]);
      if (imports.some((p) => p.split('/')[0].includes('.'))) { modules++; continue; }
      if (NEWER_THAN_123.some((re) => re.test(code))) { newer++; continue; }
      programs.push({ file: relative('.', file), index, code });
    }
  }
  return { programs, fragments, modules, newer };
}

const found = goPrograms();

describe('Go snippets in lessons', () => {
  it('there are whole standard-library programs to check', () => {
    expect(found.programs.length).toBeGreaterThan(10);
  });

  if (!haveGo) {
    it(`go vet (skipped: no Go at ${GO}; scripts/setup-system.sh installs it)`, () => {
      if (process.env.CI) throw new Error(`CI must run go vet on the lesson snippets, but ${GO} is missing`);
    });
    return;
  }

  it(`every standard-library program passes go vet (${found.fragments} fragments, ${found.modules} module snippets, ${found.newer} Go 1.25+ programs not compiled)`, () => {
    const root = mkdtempSync(join(tmpdir(), 'lesson-snippets-'));
    writeFileSync(join(root, 'go.mod'), 'module snippets\n\ngo 1.23\n');
    const where = new Map<string, Snippet>();
    found.programs.forEach((s, i) => {
      const dir = join(root, `s${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.go'), s.code);
      where.set(`s${i}`, s);
    });
    let output = '';
    try {
      execFileSync(GO, ['vet', './...'], { cwd: root, env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', GOCACHE: join(tmpdir(), 'lesson-snippets-gocache') }, stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stderr?: Buffer }).stderr ?? error);
    }
    const named = output.replace(/(?:\.\/)?\b(s\d+)\//g, (_, d: string) => `${where.get(d)?.file ?? d} (go block ${where.get(d)?.index}): `);
    expect(named).toBe('');
  }, 180_000);
});

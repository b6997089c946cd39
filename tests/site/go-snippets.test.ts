/**
 * Every Go snippet in the lessons that is a whole standard-library program compiles and passes
 * `go vet` with the guide's reference Go (scripts/toolchains.ts: REFERENCE_GO, Go 1.27), the Go 1.25+
 * flight-recorder programs included. Fragments (no `package` clause) and programs importing modules
 * (OpenTelemetry, x/exp) are not compiled: lessons name the module version those describe.
 * Without that Go the test skips with a message; under CI that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_GO, goBin } from '../../scripts/toolchains.ts';

const GO = goBin(REFERENCE_GO);
const haveGo = existsSync(GO);
const docs = 'content/docs';

function lessons(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mdx'))
    .map((e) => join(e.parentPath, e.name));
}

interface Snippet { file: string; index: number; code: string }

function goPrograms(): { programs: Snippet[]; fragments: number; modules: number } {
  const programs: Snippet[] = [];
  let fragments = 0;
  let modules = 0;
  for (const file of lessons(docs)) {
    const text = readFileSync(file, 'utf8');
    let index = 0;
    for (const m of text.matchAll(/^```go[^\n]*\n([\s\S]*?)^```/gm)) {
      index++;
      const code = m[1];
      if (!/^package\s+\w+/m.test(code)) { fragments++; continue; }
      const imports = [...code.matchAll(/^\s*(?:\w+\s+|_\s+)?"([^"]+)"\s*$/gm)].map((i) => i[1]);
      if (imports.some((p) => p.split('/')[0].includes('.'))) { modules++; continue; }
      programs.push({ file: relative('.', file), index, code });
    }
  }
  return { programs, fragments, modules };
}

const found = goPrograms();

describe('Go snippets in lessons', () => {
  it('there are whole standard-library programs to check, the flight recorder among them', () => {
    expect(found.programs.length).toBeGreaterThan(10);
    expect(found.programs.filter((s) => /trace\.NewFlightRecorder\(/.test(s.code)).length).toBeGreaterThanOrEqual(1);
  });

  if (!haveGo) {
    it(`go vet (skipped: no Go ${REFERENCE_GO} at ${GO}; scripts/setup-system.sh unpacks it)`, () => {
      if (process.env.CI) throw new Error(`CI must run go vet on the lesson snippets, but ${GO} is missing`);
    });
    return;
  }

  it(`every standard-library program passes go vet with Go ${REFERENCE_GO} (${found.fragments} fragments and ${found.modules} module snippets not compiled)`, () => {
    const root = mkdtempSync(join(tmpdir(), 'lesson-snippets-'));
    writeFileSync(join(root, 'go.mod'), `module snippets\n\ngo ${REFERENCE_GO}\n`);
    const where = new Map<string, Snippet>();
    found.programs.forEach((s, i) => {
      const dir = join(root, `s${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.go'), s.code);
      where.set(`s${i}`, s);
    });
    let output = '';
    try {
      execFileSync(GO, ['vet', './...'], { cwd: root, env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', GOCACHE: join(tmpdir(), `lesson-snippets-gocache-${REFERENCE_GO}`) }, stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stderr?: Buffer }).stderr ?? error);
    }
    const named = output.replace(/(?:\.\/)?\b(s\d+)\//g, (_, d: string) => `${where.get(d)?.file ?? d} (go block ${where.get(d)?.index}): `);
    expect(named).toBe('');
  }, 180_000);
});

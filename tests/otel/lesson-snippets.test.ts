// The lessons' OpenTelemetry code (playground/otel/lesson-snippets: verbatim copies with the
// declarations a lesson leaves out; lesson-copies.test.ts holds them to the lessons' text) is
// gofmt-clean, and compiles and vets with Go 1.27 against OpenTelemetry Go 1.46;
// and lesson 3.1's unit test runs against the SDK, and catches a LoadUser that drops its ctx.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GO, goEnv, importRoot, otelRoot } from '../../playground/otel/harness/toolchain.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const snippetsDir = path.join(otelRoot, 'lesson-snippets');

const packages = readdirSync(path.join(otelRoot, 'lesson-snippets'), { withFileTypes: true })
  .filter((e) => e.isDirectory()).map((e) => `${importRoot}/lesson-snippets/${e.name}`);
const go = (...args: string[]) => spawnSync(GO, args, { env: goEnv(), encoding: 'utf8', timeout: 600_000 });

describe.skipIf(!haveOtelToolchain('the lessons\' OpenTelemetry code'))('the lessons\' OpenTelemetry code', () => {
  it('gofmt: the copies, and so the lessons\' code, are formatted', () => {
    const r = spawnSync(path.join(path.dirname(GO), 'gofmt'), ['-l', snippetsDir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });

  it(`go vet: ${packages.length} packages`, () => {
    expect(packages.length).toBeGreaterThanOrEqual(7);
    const r = go('vet', ...packages);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 600_000);

  it('3.1: the lesson\'s unit test passes against the SDK', () => {
    const r = go('test', '-count=1', '-v', `${importRoot}/lesson-snippets/contextpropagation`);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('--- PASS: TestLoadUserParentLinks');
  }, 600_000);

  it('3.1: when LoadUser drops the ctx Start returned, the lesson\'s test fails naming the link; the test it used to show (weak_test.go) still passes', () => {
    const r = go('test', '-count=1', '-tags', 'dropped', '-v', `${importRoot}/lesson-snippets/contextpropagation`);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout).toContain('repo.Get\'s parent is "request", want "loadUser"');
    expect(r.stdout).toContain('--- FAIL: TestLoadUserParentLinks');
    expect(r.stdout).toContain('--- PASS: TestLoadUserIsChildOfRequest');
  }, 600_000);
});

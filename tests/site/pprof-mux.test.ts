/**
 * Lesson 1.2 on net/http/pprof: its `init` registers the handlers on http.DefaultServeMux for any
 * import, blank or named. The lesson says so and shows it with a program (`muxcheck`); this test
 * builds that program from the page (both languages show the same one) with Go 1.27, runs it, and
 * checks that its output is the output the page shows. The claim it replaced ("named import: no
 * handlers land on http.DefaultServeMux") must not come back.
 * Without Go 1.27 the run is skipped with a message; under CI that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goBin, hasGo } from '../../scripts/toolchains.ts';

const GO_VERSION = '1.27';
const pages = {
  en: readFileSync(new URL('../../content/docs/principles/capturing-and-opening.mdx', import.meta.url), 'utf8'),
  zh: readFileSync(new URL('../../content/docs/zh-cn/principles/capturing-and-opening.mdx', import.meta.url), 'utf8'),
};

/** The Go block holding `marker`, and the text block right after it (the output the page shows). */
function programAndOutput(text: string, marker: string): { code: string; output: string } {
  const m = [...text.matchAll(/^```go\n([\s\S]*?)^```\n\n```text\n([\s\S]*?)^```/gm)].filter((x) => x[1].includes(marker));
  expect(m, `one Go block with "${marker}", followed by its output`).toHaveLength(1);
  return { code: m[0][1], output: m[0][2] };
}

describe('lesson 1.2: net/http/pprof and http.DefaultServeMux', () => {
  const en = programAndOutput(pages.en, 'Command muxcheck');

  it('shows the same program and output in both languages, and no longer claims a named import is safe', () => {
    expect(programAndOutput(pages.zh, 'Command muxcheck')).toEqual(en);
    for (const text of Object.values(pages)) expect(text).not.toMatch(/no handlers land on http\.DefaultServeMux/);
    expect(en.output).toMatch(/^http\.DefaultServeMux: "GET \/debug\/pprof\/trace"$/m);
  });

  if (!hasGo(GO_VERSION)) {
    it(`muxcheck prints what the page shows (skipped: no Go ${GO_VERSION} at ${goBin(GO_VERSION)})`, () => {
      if (process.env.CI) throw new Error(`CI must run lesson 1.2's muxcheck, but Go ${GO_VERSION} is missing`);
    });
    return;
  }

  it('muxcheck prints what the page shows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muxcheck-'));
    writeFileSync(join(dir, 'main.go'), en.code);
    writeFileSync(join(dir, 'go.mod'), `module muxcheck\n\ngo ${GO_VERSION}\n`);
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GO111MODULE: '', GOPROXY: 'off', GOCACHE: join(tmpdir(), `muxcheck-gocache-${GO_VERSION}`) };
    const out = execFileSync(goBin(GO_VERSION), ['run', '.'], { cwd: dir, env }).toString();
    expect(out).toBe(en.output);
  }, 180_000);
});

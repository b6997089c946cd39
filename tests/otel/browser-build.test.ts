// public/go/otel-scenarios.wasm is current: built from the sources here (checked without Go, by
// the source hash its build-info records), by the Go release that built the Go scenarios' binary
// (they share wasm_exec.js), and, where Go 1.27 and the packages are, rebuilt byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_LDFLAGS, browserSourceHash, type BrowserBuildInfo } from '../../playground/otel/harness/browser-build.ts';
import { build, versions } from '../../playground/otel/harness/toolchain.ts';
import { committedInfo, committedWasm, root } from '../../playground/otel/harness/wasm.ts';
import { haveOtelToolchain } from './toolchain-gate.ts';

const info: BrowserBuildInfo = JSON.parse(readFileSync(committedInfo, 'utf8'));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('public/go/otel-scenarios.wasm', () => {
  it('was built from the current sources (else npm run otel:wasm)', () => {
    expect(info.sourceHash, 'the committed otel-scenarios.wasm is stale: run npm run otel:wasm').toBe(browserSourceHash());
    expect(sha256(committedWasm)).toBe(info.wasmSha256);
    expect(statSync(committedWasm).size).toBe(info.wasmBytes);
  });

  it('comes from the Go release of scenarios.wasm (one wasm_exec.js serves both), with the packaged SDK', () => {
    const goScenarios = JSON.parse(readFileSync(path.join(root, 'public/go/build-info.json'), 'utf8'));
    expect(info.go).toMatch(/^go1\.27\./);
    expect(info.go).toBe(goScenarios.go);
    expect(info.otelSDK).toMatch(/^1\.46\./);
    expect(info).toMatchObject({ goos: 'js', goarch: 'wasm' });
  });
});

describe.skipIf(!haveOtelToolchain('the OpenTelemetry browser build'))('the OpenTelemetry browser build', () => {
  it('rebuilds byte for byte from the sources and the packages here', () => {
    const t = Date.now();
    const built = build('cmd/otel-wasm', 'otel-scenarios-check.wasm', { goos: 'js', goarch: 'wasm', ldflags: BROWSER_LDFLAGS });
    console.log(`[otel] otel-wasm rebuilt in ${Date.now() - t} ms`);
    expect(versions().go).toBe(info.go);
    expect(sha256(built.file), 'the committed otel-scenarios.wasm differs from a fresh build: run npm run otel:wasm').toBe(info.wasmSha256);
  }, 600_000);
});

// npm run otel:wasm: rebuilds public/go/otel-scenarios.wasm from cmd/otel-wasm (browser-build.ts
// says how) and writes public/go/otel-build-info.json: versions, flags, the source hash, the
// binary's hash and sizes, and its catalogue. The Go scenarios' build (npm run go:wasm) must come
// from the same Go release: both binaries share public/go/wasm_exec.js.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { goRoot } from '../../../scripts/toolchains.ts';
import { BROWSER_LDFLAGS, browserSourceHash, SOURCE_HASH_OF, type BrowserBuildInfo } from './browser-build.ts';
import { build, missingToolchain, versions } from './toolchain.ts';
import { committedInfo, committedWasm, root, runOtelWasm } from './wasm.ts';

const missing = missingToolchain();
if (missing.length) {
  console.error(`otel:wasm: missing ${missing.join('; ')}. Run scripts/setup-system.sh.`);
  process.exit(1);
}
const wasmExec = path.join(goRoot('1.27'), 'lib/wasm/wasm_exec.js');
if (!readFileSync(wasmExec).equals(readFileSync(path.join(root, 'public/go/wasm_exec.js')))) {
  console.error(`otel:wasm: ${wasmExec} differs from public/go/wasm_exec.js: rebuild the Go scenarios first (npm run go:wasm), so both binaries come from one Go release`);
  process.exit(1);
}
const t = Date.now();
const built = build('cmd/otel-wasm', 'otel-scenarios.wasm', { goos: 'js', goarch: 'wasm', ldflags: BROWSER_LDFLAGS });
const bytes = readFileSync(built.file);
const v = versions();
const catalogue = await runOtelWasm(['-list'], built.file);
if (catalogue.exitCode !== 0) throw new Error(`otel-wasm -list failed: ${catalogue.stderr}`);
const info: BrowserBuildInfo = {
  go: v.go, otelSDK: v.otelSDK, debian: v.debian, goos: 'js', goarch: 'wasm',
  flags: `GO111MODULE=off -trimpath -ldflags=${BROWSER_LDFLAGS}`,
  sourceHash: browserSourceHash(), sourceHashOf: SOURCE_HASH_OF,
  wasmSha256: createHash('sha256').update(bytes).digest('hex'),
  wasmBytes: bytes.length, wasmGzipBytes: gzipSync(bytes, { level: 9 }).length,
  scenarios: JSON.parse(catalogue.stdout),
};
copyFileSync(built.file, `${committedWasm}.tmp`);
renameSync(`${committedWasm}.tmp`, committedWasm);
writeFileSync(committedInfo, `${JSON.stringify(info, null, 2)}\n`);
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`public/go/otel-scenarios.wasm: ${mb(info.wasmBytes)} (${mb(info.wasmGzipBytes)} gzipped), ${info.go}, built in ${Date.now() - t} ms`);
console.log(`source hash ${info.sourceHash}; ${info.scenarios.length} scenarios, ${info.scenarios.reduce((n, s) => n + s.variants.length, 0)} variants`);

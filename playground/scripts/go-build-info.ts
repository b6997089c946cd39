// Writes public/go/build-info.json for the browser binaries build-wasm.sh has just built: for each, its
// hash, its sizes and its catalogue, which is what the binary itself prints for -names, run under Node
// as the page runs it. The page picks a scenario's binary from this catalogue when the site is built
// (src/components/go-scenario/catalogue.ts), so it can only name what a binary really holds.
//
//   npx node playground/scripts/go-build-info.ts --out DIR --go go1.27.3 --source-hash HEX \
//     --binary scenarios.wasm=./cmd/wasm [--binary FILE=CMD ...] -- GO_BUILD_FLAG...
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { GoBinary, GoBuildInfo, GoCatalogueEntry } from '../../src/components/go-scenario/catalogue.ts';

const SOURCE_HASH_OF = "sha256 over sorted lines '<path relative to playground/go>\\0<sha256 hex>\\n' for go.mod and every *.go file";

/** What wasm_exec.js's Go class gives a Node run (the fields the runs here use). */
export type GoInstance = {
  argv: string[];
  env: Record<string, string>;
  exit: (code: number) => void;
  importObject: WebAssembly.Imports;
  run: (i: WebAssembly.Instance) => Promise<void>;
  _scheduledTimeouts: Map<number, ReturnType<typeof setTimeout>>;
};

/** Runs a binary with -names, with wasm_exec.js's own stub file system as in the page, and reads its lines. */
async function catalogue(wasm: string): Promise<GoCatalogueEntry[]> {
  const g = globalThis as unknown as Record<string, unknown> & { fs: { writeSync: (fd: number, b: Uint8Array) => number } };
  const decoder = new TextDecoder();
  let stdout = '';
  let stderr = '';
  g.fs.writeSync = (fd, buf) => {
    if (fd === 1) stdout += decoder.decode(buf, { stream: true });
    else stderr += new TextDecoder().decode(buf);
    return buf.length;
  };
  const go = new (g.Go as new () => GoInstance)();
  go.argv = ['scenario', '-names'];
  go.env = {};
  let exitCode = 0;
  go.exit = (code) => {
    exitCode = code;
  };
  const { instance } = await WebAssembly.instantiate(readFileSync(wasm), go.importObject);
  await go.run(instance);
  // Timers the Go runtime left would wake an exited program.
  for (const timer of go._scheduledTimeouts.values()) clearTimeout(timer);
  go._scheduledTimeouts.clear();
  if (exitCode !== 0) throw new Error(`${wasm} -names exited with ${exitCode}: ${stderr}`);
  const entries = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [scenario, ...variants] = line.split(' ');
      return { scenario, variants };
    });
  if (entries.length === 0) throw new Error(`${wasm} -names listed no scenario`);
  return entries;
}

const { values, positionals } = parseArgs({
  options: {
    out: { type: 'string' },
    go: { type: 'string' },
    'source-hash': { type: 'string' },
    binary: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});
const out = values.out!;
const specs = (values.binary ?? []).map((spec) => {
  const [file, cmd] = spec.split('=');
  if (!file || !cmd) throw new Error(`--binary ${spec}: want FILE=CMD`);
  return { file, cmd };
});
if (!values.go || !values['source-hash'] || specs.length === 0) throw new Error('go-build-info: --go, --source-hash and one --binary at least are required');

await import(path.resolve(out, 'wasm_exec.js'));
const binaries: GoBinary[] = [];
for (const { file, cmd } of specs) {
  const bytes = readFileSync(path.join(out, file));
  binaries.push({
    file,
    cmd,
    wasmSha256: createHash('sha256').update(bytes).digest('hex'),
    wasmBytes: bytes.length,
    wasmGzipBytes: gzipSync(bytes, { level: 9 }).length,
    scenarios: await catalogue(path.join(out, file)),
  });
}
// A scenario in two binaries would leave its box's choice to the order of this list.
const holder = new Map<string, string>();
for (const b of binaries) {
  for (const { scenario } of b.scenarios) {
    if (holder.has(scenario)) throw new Error(`go-build-info: ${scenario} is in both ${holder.get(scenario)} and ${b.file}; link it into one`);
    holder.set(scenario, b.file);
  }
}
const info: GoBuildInfo = {
  go: values.go,
  goos: 'js',
  goarch: 'wasm',
  buildFlags: positionals,
  sourceHash: values['source-hash'],
  sourceHashOf: SOURCE_HASH_OF,
  binaries,
};
writeFileSync(path.join(out, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
for (const b of binaries) {
  console.log(`${b.file}: ${mb(b.wasmBytes)} (${mb(b.wasmGzipBytes)} gzipped), sha256 ${b.wasmSha256}; ${b.scenarios.map((e) => e.scenario).join(', ')}`);
}
console.log(`source hash: ${info.sourceHash}`);

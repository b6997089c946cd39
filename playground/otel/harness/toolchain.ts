// Where the OpenTelemetry programs' toolchain and sources live, and how to build them.
// Go 1.27 and the OpenTelemetry packages come from Debian unstable, unpacked under $SID_PREFIX
// by scripts/setup-system.sh (the list: ../debian-packages.txt). The programs build in GOPATH
// mode: a GOPATH in the cache holds one symlink, src/fieldguide/playground/otel → this checkout's
// playground/otel, and $SID_PREFIX/usr/share/gocode comes after it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fieldGuideCache, goBin, sidPrefix } from '../../../scripts/toolchains.ts';

/** playground/otel in this checkout. */
export const otelRoot = path.resolve(import.meta.dirname, '..');
export const importRoot = 'fieldguide/playground/otel';
export const GO = goBin('1.27');
export const gocode = (): string => path.join(sidPrefix(), 'usr/share/gocode');

/** The Debian packages the programs build from, as ../debian-packages.txt lists them. */
export function debianPackages(): string[] {
  return readFileSync(path.join(otelRoot, 'debian-packages.txt'), 'utf8')
    .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** What is missing to build the programs, in words (empty when all is there). */
export function missingToolchain(): string[] {
  const missing: string[] = [];
  if (!existsSync(GO)) missing.push(`Go 1.27 (${GO})`);
  const done = path.join(sidPrefix(), '.debs/done');
  const packages = debianPackages().filter((p) => !existsSync(path.join(done, p)));
  if (packages.length) missing.push(`Debian packages not unpacked under ${sidPrefix()}: ${packages.join(' ')}`);
  return missing;
}

/** A build directory per checkout, so two worktrees never share a GOPATH symlink. */
export function buildDir(): string {
  const id = createHash('sha256').update(otelRoot).digest('hex').slice(0, 12);
  return path.join(fieldGuideCache(), 'otel-build', id);
}

function gopath(): string {
  const dir = path.join(buildDir(), 'gopath');
  const link = path.join(dir, 'src', importRoot);
  mkdirSync(path.dirname(link), { recursive: true });
  let current = '';
  try { current = readlinkSync(link); } catch { /* not there yet */ }
  if (current !== otelRoot) {
    rmSync(link, { force: true });
    symlinkSync(otelRoot, link);
  }
  return dir;
}

export interface BuildOptions { race?: boolean; goos?: string; goarch?: string; ldflags?: string }

export function goEnv(opts: BuildOptions = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off', GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-trimpath',
    GOPATH: `${gopath()}:${gocode()}`,
    // One build cache for every checkout: the packaged sources are shared, and are most of the work.
    GOCACHE: path.join(fieldGuideCache(), 'otel-gocache'),
    CGO_ENABLED: opts.race ? '1' : '0',
    GOOS: opts.goos ?? '', GOARCH: opts.goarch ?? '',
  };
}

export interface Built { file: string; ms: number }

/**
 * Builds a package of playground/otel (e.g. "collector", "cmd/otel-scenario") into the build
 * directory and returns the binary. The Go build cache makes a second build a link; the binary
 * is written beside its final name and renamed, so test files building at once never see half.
 */
export function build(pkg: string, name: string, opts: BuildOptions = {}): Built {
  const binDir = path.join(buildDir(), 'bin');
  mkdirSync(binDir, { recursive: true });
  const file = path.join(binDir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  const args = ['build', '-o', tmp];
  if (opts.race) args.push('-race');
  if (opts.ldflags) args.push(`-ldflags=${opts.ldflags}`);
  args.push(`${importRoot}/${pkg}`);
  const start = Date.now();
  const r = spawnSync(GO, args, { env: goEnv(opts), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    rmSync(tmp, { force: true });
    throw new Error(`go ${args.join(' ')} failed:\n${r.stderr}`);
  }
  renameSync(tmp, file);
  return { file, ms: Date.now() - start };
}

/** The programs every OpenTelemetry test and recording uses. */
export interface Programs { collector: string; scenario: string; scenarioRace: string; timings: Record<string, number> }

/**
 * Builds the three programs once per content: a stamp of every .go file under playground/otel,
 * the package list and the toolchain names the binaries, so a warm run (or a second test file)
 * links nothing. Builds run one at a time across processes (a lock directory): test files start
 * in parallel, and two cold builds at once would only share two cores.
 */
export function buildPrograms(): Programs {
  const v = versions();
  const timings: Record<string, number> = {};
  const one = (pkg: string, name: string, opts: BuildOptions = {}): string => {
    const built = buildStamped(pkg, name, opts);
    timings[name] = built.ms;
    return built.file;
  };
  return {
    collector: one('collector', 'collector', { ldflags: `-X main.version=${v.collector}` }),
    scenario: one('cmd/otel-scenario', 'otel-scenario'),
    scenarioRace: one('cmd/otel-scenario', 'otel-scenario-race', { race: true }),
    timings,
  };
}

/** Builds a package of playground/otel unless a binary of the same sources exists (ms 0 then). */
export function buildStamped(pkg: string, name: string, opts: BuildOptions = {}): Built {
  const stamp = sourceStamp(JSON.stringify([versions(), opts]));
  const file = path.join(buildDir(), 'bin', `${name}-${stamp}`);
  if (existsSync(file)) return { file, ms: 0 };
  return withLock(() => {
    if (existsSync(file)) return { file, ms: 0 };
    const built = build(pkg, `${name}-${stamp}`, opts);
    // Binaries of older sources are never used again: a checkout keeps one of each.
    const stale = new RegExp(`^${name.replace(/[.]/g, '\\.')}-[0-9a-f]{16}$`);
    for (const f of readdirSync(path.dirname(file))) {
      if (stale.test(f) && f !== path.basename(file)) rmSync(path.join(path.dirname(file), f), { force: true });
    }
    return built;
  });
}

function sourceStamp(extra: string): string {
  const h = createHash('sha256').update(extra).update(readFileSync(path.join(otelRoot, 'debian-packages.txt')));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.go')) files.push(path.join(dir, e.name));
    }
  };
  walk(otelRoot);
  for (const f of files.sort()) h.update(path.relative(otelRoot, f)).update('\0').update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function withLock<T>(f: () => T): T {
  const lock = path.join(buildDir(), 'build.lock');
  mkdirSync(buildDir(), { recursive: true });
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try { mkdirSync(lock); break; } catch { /* held */ }
    // A lock older than any build is left over from a killed process.
    try { if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
    Atomics.wait(sleeper, 0, 0, 500);
  }
  try { return f(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

export interface Versions {
  go: string;
  /** From the SDK source: go.opentelemetry.io/otel version.go. */
  otelSDK: string;
  /** Debian package versions, from the .deb files unpacked. */
  debian: Record<string, string>;
  /** The Collector core's version: its Debian package's upstream part. */
  collector: string;
}

export function versions(): Versions {
  const go = spawnSync(GO, ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).stdout.trim();
  const sdkVersion = readFileSync(path.join(gocode(), 'src/go.opentelemetry.io/otel/version.go'), 'utf8').match(/return "([^"]+)"/)?.[1] ?? '?';
  const archives = path.join(sidPrefix(), '.debs/cache/archives');
  const debian: Record<string, string> = {};
  const files = existsSync(archives) ? readdirSync(archives) : [];
  for (const p of ['golang-opentelemetry-otel-dev', 'golang-opentelemetry-contrib-dev', 'golang-opentelemetry-collector-dev', 'golang-opentelemetry-proto-dev', 'golang-1.27-go']) {
    const deb = files.filter((f) => f.startsWith(`${p}_`) && f.endsWith('.deb')).sort().at(-1);
    debian[p] = deb ? decodeURIComponent(deb.split('_')[1]) : '?';
  }
  const collector = debian['golang-opentelemetry-collector-dev'].replace(/-[^-]*$/, '');
  return { go, otelSDK: sdkVersion, debian, collector };
}

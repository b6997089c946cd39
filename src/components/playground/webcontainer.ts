/**
 * The optional WebContainer tier: run the exercise's checks with `npm test` in Node, in the browser.
 *
 * WebContainers load their runtime from stackblitz.com, need cross-origin isolation, and need a
 * commercial licence for internal production use (README, "The WebContainer tier"). So this module
 * is imported only when the reader turns the switch on, and it asks, in order and without touching
 * the network beyond the site itself: is the page cross-origin isolated? does the browser have
 * SharedArrayBuffer? does the site's Content-Security-Policy let a StackBlitz frame load? Only then
 * is @webcontainer/api loaded and booted, with a time limit. Every failure is a reason to show; none
 * throws, none hangs.
 */
export type Unavailable =
  | { ok: false; reason: 'isolation' | 'browser' | 'csp' | 'timeout'; detail?: string }
  | { ok: false; reason: 'boot'; detail: string };

export interface Container {
  run(files: ProjectFiles, onOutput: (text: string) => void, signal: AbortSignal): Promise<number>;
}

export type ProjectFiles = Record<string, string | Uint8Array>;

const STACKBLITZ = 'https://stackblitz.com';
export const BOOT_TIMEOUT_MS = 20_000;

/** The sources a CSP directive allows, falling back as browsers do (frame-src → child-src → default-src). */
export function cspSources(policy: string, directives: string[]): string[] | null {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !parsed.has(name.toLowerCase())) parsed.set(name.toLowerCase(), values);
  }
  for (const d of directives) if (parsed.has(d)) return parsed.get(d)!;
  return null;
}

/** Whether a CSP allows loading `url` under those directives (enough of CSP for our question). */
export function cspAllows(policy: string, directives: string[], url: string): boolean {
  const sources = cspSources(policy, directives);
  if (sources === null) return true;
  const u = new URL(url);
  return sources.some((s) => {
    const v = s.toLowerCase();
    if (v === '*' || v === `${u.protocol}`) return true;
    if (v.startsWith("'")) return false;
    const m = v.match(/^(https?:\/\/)?(\*\.)?([^/:]+)/);
    if (!m) return false;
    if (m[1] && m[1] !== `${u.protocol}//`) return false;
    return m[2] ? u.hostname.endsWith(`.${m[3]}`) || u.hostname === m[3] : u.hostname === m[3];
  });
}

/** The CSP this page was served with (the header of the same URL), or '' when none. */
async function pagePolicy(): Promise<string> {
  try {
    const res = await fetch(location.href, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return res.headers.get('content-security-policy') ?? '';
  } catch {
    return '';
  }
}

export async function checkAvailability(): Promise<Unavailable | { ok: true }> {
  if (!globalThis.crossOriginIsolated) return { ok: false, reason: 'isolation' };
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return { ok: false, reason: 'browser' };
  const policy = await pagePolicy();
  for (const directives of [['frame-src', 'child-src', 'default-src'], ['connect-src', 'default-src']]) {
    if (policy && !cspAllows(policy, directives, `${STACKBLITZ}/headless`)) return { ok: false, reason: 'csp', detail: directives[0] };
  }
  return { ok: true };
}

let booting: Promise<Container | Unavailable> | null = null;

/** Boot once per page (a second boot is an error in WebContainers); later calls share the result. */
export function bootContainer(): Promise<Container | Unavailable> {
  booting ??= boot();
  return booting;
}

async function boot(): Promise<Container | Unavailable> {
  const available = await checkAvailability();
  if (!available.ok) return available;
  let violation: string | null = null;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    violation = `${e.effectiveDirective} ${e.blockedURI}`;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { WebContainer } = await import('@webcontainer/api');
    const booted = WebContainer.boot({ coep: 'require-corp', workdirName: 'exercise' });
    booted.catch(() => {}); // a boot that ends after the time limit must not surface as unhandled
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), BOOT_TIMEOUT_MS)));
    const poll = new Promise<'csp'>((resolve) => {
      const tick = () => (violation ? resolve('csp') : timer !== undefined && setTimeout(tick, 200));
      tick();
    });
    const result = await Promise.race([booted, timeout, poll]);
    if (result === 'timeout') return { ok: false, reason: 'timeout' };
    if (result === 'csp') return { ok: false, reason: 'csp', detail: violation ?? undefined };
    const wc = result;
    return {
      async run(files, onOutput, signal) {
        await wc.mount(toTree(files));
        const proc = await wc.spawn('npm', ['test']);
        signal.addEventListener('abort', () => proc.kill());
        void proc.output.pipeTo(new WritableStream({ write: (chunk) => onOutput(chunk) })).catch(() => {});
        return proc.exit;
      },
    };
  } catch (error) {
    return { ok: false, reason: 'boot', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    timer = undefined;
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}

type Tree = Record<string, { file: { contents: string | Uint8Array } } | { directory: Tree }>;

function toTree(files: ProjectFiles): Tree {
  const root: Tree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const p of parts.slice(0, -1)) {
      const next = (dir[p] ??= { directory: {} }) as { directory: Tree };
      dir = next.directory;
    }
    dir[parts[parts.length - 1]] = { file: { contents } };
  }
  return root;
}

/**
 * The project mounted in the container: the reader's code (transpiled to CommonJS), the checks and the
 * trace reader as the package `field-guide` (the page's grading runtime, which is plain JavaScript),
 * a `gotrace` command, the recorded traces, and `npm test` to grade.
 */
export function projectFiles(opts: {
  exercise: string;
  exerciseJs: string;
  runtimeJs: string;
  traces: Record<string, Uint8Array>;
}): ProjectFiles {
  const files: ProjectFiles = {
    'package.json': JSON.stringify(
      {
        name: opts.exercise,
        private: true,
        type: 'commonjs',
        imports: { '#field-guide/trace': 'field-guide/trace', '#field-guide/analysis': 'field-guide/analysis' },
        scripts: { test: 'node test.js', gotrace: 'node node_modules/field-guide/bin/gotrace.js' },
      },
      null,
      2,
    ),
    'exercise.js': opts.exerciseJs,
    'node_modules/field-guide/package.json': JSON.stringify({
      name: 'field-guide',
      version: '0.0.0',
      exports: { '.': './runtime.js', './trace': './trace.js', './analysis': './analysis.js' },
      bin: { gotrace: 'bin/gotrace.js' },
    }),
    'node_modules/field-guide/runtime.js': `${opts.runtimeJs}\n;module.exports = globalThis.fieldGuideRuntime;\n`,
    'node_modules/field-guide/trace.js': "module.exports = require('./runtime.js').modules['#field-guide/trace'];\n",
    'node_modules/field-guide/analysis.js': "module.exports = require('./runtime.js').modules['#field-guide/analysis'];\n",
    'node_modules/field-guide/bin/gotrace.js': GOTRACE_JS,
    'test.js': TEST_JS.replace('__EXERCISE__', JSON.stringify(opts.exercise)),
  };
  for (const [name, bytes] of Object.entries(opts.traces)) files[`traces/${name}`] = bytes;
  return files;
}

const GOTRACE_JS = `#!/usr/bin/env node
// gotrace dump|stats FILE: the field guide's trace reader on the command line.
const fs = require('node:fs');
const rt = require('../runtime.js');
const trace = rt.modules['#field-guide/trace'];
const analysis = rt.modules['#field-guide/analysis'];
const [cmd, file] = process.argv.slice(2);
if (!file || !['dump', 'stats'].includes(cmd)) { console.error('usage: gotrace dump|stats FILE'); process.exit(2); }
const bytes = new Uint8Array(fs.readFileSync(file));
if (cmd === 'dump') trace.dumpTo(bytes, (text) => process.stdout.write(text));
else {
  const m = analysis.analyseBytes(bytes);
  console.log(JSON.stringify({ version: m.version, events: m.events, goroutines: m.goroutines.length, durationMs: m.duration / 1e6, truncated: m.truncated, error: m.error && m.error.message }, null, 2));
}
`;

const TEST_JS = `// npm test: the exercise's checks, the same grading core as the page.
const fs = require('node:fs');
const rt = require('field-guide');
(async () => {
  const exercise = __EXERCISE__;
  const spec = await rt.registry(exercise);
  const traces = {};
  for (const name of fs.readdirSync('traces')) traces[name] = new Uint8Array(fs.readFileSync('traces/' + name));
  const report = rt.gradeExercise(exercise, spec, () => require('./exercise.js'), traces);
  if (report.loadError) console.log('could not load exercise.js: ' + report.loadError);
  for (const r of report.results) {
    console.log((r.pass ? 'ok     ' : 'not ok ') + r.id + ' - ' + r.label.en);
    if (r.error) console.log('       ' + r.error);
    else if (!r.pass) console.log('       expected ' + (r.expected ?? '?') + ', got ' + (r.actual ?? '?'));
  }
  console.log('\\n' + report.passed + ' of ' + report.total + ' checks pass');
  process.exitCode = report.passed === report.total ? 0 : 1;
})().catch((e) => { console.error(e); process.exitCode = 1; });
`;

// Writes chapter 6's figures from its recordings (npm run casestudy:figures, after npm run traces):
//   content/casestudy/figures.json     every number the lessons print, from src/trace and src/analysis
//                                      (src/casestudy/figures.ts)
//   content/casestudy/go/<trace>.*     what Go 1.27's own tools print for each recording, shown in the
//                                      lessons until the guide's viewer has the same views: the sync
//                                      blocking profile (go tool pprof -top and -peek) and the goroutine
//                                      analysis, user regions and MMU (scripts/casestudy/traceanalyses)
// tests/casestudy/figures.test.ts computes both again and compares.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseBytes } from '../src/analysis/index.ts';
import { caseStudyFigures, loadOf, RECORDINGS, type RecordingName } from '../src/casestudy/figures.ts';
import { GO_VERSION, haveGoSide, pprofSync, traceAnalyses } from './casestudy/go-side.ts';

const root = new URL('../', import.meta.url).pathname;
const traces = join(root, 'playground/traces');
const out = join(root, 'content/casestudy');

export const PPROF_FOCUS = 'serveItem';
export const PPROF_PEEK = 'sync.\\(\\*Mutex\\).Lock';

export function readInputs() {
  const manifest: { file: string; params: Record<string, unknown> }[] = JSON.parse(readFileSync(join(traces, 'manifest.json'), 'utf8'));
  const entry = (file: string) => {
    const e = manifest.find((x) => x.file === file);
    if (!e) throw new Error(`${file} is not in playground/traces/manifest.json: npm run traces`);
    return e;
  };
  const inputs = Object.fromEntries(
    Object.entries(RECORDINGS).map(([name, file]) => [
      name,
      { file, model: analyseBytes(new Uint8Array(readFileSync(join(traces, file)))), out: readFileSync(join(traces, `${file}.out.txt`), 'utf8') },
    ]),
  ) as Record<RecordingName, { file: string; model: ReturnType<typeof analyseBytes>; out: string }>;
  return { load: loadOf(entry(RECORDINGS.snapshot).params), inputs, params: Object.values(RECORDINGS).map((f) => entry(f).params) };
}

/** What Go's tools print for a recording, as files of content/casestudy/go/. */
export function goToolFiles(file: string): Record<string, string> {
  const path = join(traces, file);
  const { top, peek } = pprofSync(path, PPROF_FOCUS, PPROF_PEEK);
  return {
    [`${file}.sync-top.txt`]: top,
    [`${file}.sync-peek.txt`]: peek,
    [`${file}.analyses.json`]: `${JSON.stringify(traceAnalyses(path), null, 2)}\n`,
  };
}

if (import.meta.main) {
  const { load, inputs } = readInputs();
  mkdirSync(join(out, 'go'), { recursive: true });
  writeFileSync(join(out, 'figures.json'), `${JSON.stringify(caseStudyFigures(load, inputs), null, 2)}\n`);
  console.log('content/casestudy/figures.json');
  if (!haveGoSide()) {
    console.error(`casestudy:figures: no Go ${GO_VERSION} with its source: content/casestudy/go/ not written (scripts/setup-system.sh unpacks it)`);
    process.exit(1);
  }
  for (const file of Object.values(RECORDINGS)) {
    for (const [name, text] of Object.entries(goToolFiles(file))) {
      writeFileSync(join(out, 'go', name), text);
      console.log(`content/casestudy/go/${name}`);
    }
  }
}

/// <reference lib="webworker" />
/**
 * Type errors for the reader's code: TypeScript 5's language service in a worker, started only once
 * the playground is open. Everything it reads is bundled with the site: the ES2022 lib .d.ts files
 * from the typescript package and the sources of the trace reader and the analysis (the declarations
 * of '#field-guide/trace' and '#field-guide/analysis' are their real types), never a CDN.
 */
import ts from 'typescript';

declare const self: DedicatedWorkerGlobalScope;

const libs = import.meta.glob<string>(
  [
    '/node_modules/typescript/lib/lib.es5.d.ts',
    '/node_modules/typescript/lib/lib.es20{15,16,17,18,19,20,21,22}*.d.ts',
    '/node_modules/typescript/lib/lib.decorators*.d.ts',
    '!/node_modules/typescript/lib/*.full.d.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const sources = import.meta.glob<string>(['../trace/*.ts', '../analysis/*.ts', './api/*.ts'], { query: '?raw', import: 'default', eager: true });

export const EXERCISE_FILE = '/exercise.ts';
const files = new Map<string, string>();
for (const [path, text] of Object.entries(libs)) files.set(`/lib/${path.split('/').pop()}`, text);
for (const [path, text] of Object.entries(sources)) {
  files.set(path.startsWith('./') ? `/src/exercise-grader/${path.slice(2)}` : `/src/${path.slice(3)}`, text);
}
// Exercise code runs in a worker with a console; the ES libs alone have none.
files.set(
  '/globals.d.ts',
  'interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void }\ndeclare var console: Console;\n',
);
files.set(EXERCISE_FILE, '');
let version = 0;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  baseUrl: '/',
  paths: {
    '#field-guide/trace': ['/src/exercise-grader/api/trace.ts'],
    '#field-guide/analysis': ['/src/exercise-grader/api/analysis.ts'],
  },
};

const host: ts.LanguageServiceHost = {
  getCompilationSettings: () => options,
  getScriptFileNames: () => [EXERCISE_FILE, '/globals.d.ts'],
  getScriptVersion: (f) => (f === EXERCISE_FILE ? String(version) : '0'),
  getScriptSnapshot: (f) => {
    const text = files.get(f);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => '/',
  getDefaultLibFileName: () => '/lib/lib.es2022.d.ts',
  fileExists: (f) => files.has(f),
  readFile: (f) => files.get(f),
  directoryExists: (d) => {
    const dir = d.endsWith('/') ? d : `${d}/`;
    for (const f of files.keys()) if (f.startsWith(dir)) return true;
    return false;
  },
  getDirectories: () => [],
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

export interface TypeDiagnostic {
  from: number;
  to: number;
  message: string;
  severity: 'error' | 'warning';
}

self.onmessage = (event: MessageEvent<{ id: number; source: string }>) => {
  const { id, source } = event.data;
  try {
    files.set(EXERCISE_FILE, String(source));
    version++;
    const all = [...service.getSyntacticDiagnostics(EXERCISE_FILE), ...service.getSemanticDiagnostics(EXERCISE_FILE)];
    const diagnostics: TypeDiagnostic[] = all.map((d) => ({
      from: d.start ?? 0,
      to: (d.start ?? 0) + (d.length ?? 0),
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    }));
    self.postMessage({ id, diagnostics });
  } catch (error) {
    self.postMessage({ id, diagnostics: [], error: error instanceof Error ? error.message : String(error) });
  }
};
self.postMessage({ ready: true });

/**
 * Loading the reader's module: its transpiled body (transpile.ts) runs as a CommonJS factory whose
 * require() knows exactly two names, the trace reader and the analysis. How the factory is made is up
 * to the host (a blob worker in the page, new Function in Node); what it can import is decided here.
 */
import * as analysis from './api/analysis.ts';
import * as trace from './api/trace.ts';

export const MODULE_SPECIFIERS = { trace: '#field-guide/trace', analysis: '#field-guide/analysis' } as const;

export const runtimeModules: Record<string, unknown> = {
  [MODULE_SPECIFIERS.trace]: trace,
  [MODULE_SPECIFIERS.analysis]: analysis,
};

export type ModuleFactory = (exports: Record<string, unknown>, require: (name: string) => unknown, module: { exports: Record<string, unknown> }) => void;

export function instantiate(factory: ModuleFactory): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string) => {
    if (Object.hasOwn(runtimeModules, name)) return runtimeModules[name];
    throw new Error(`Cannot import '${name}' here: exercises can import '${MODULE_SPECIFIERS.trace}' and '${MODULE_SPECIFIERS.analysis}'.`);
  };
  factory(module.exports, require, module);
  return module.exports;
}

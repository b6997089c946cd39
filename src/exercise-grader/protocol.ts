/** Messages between the page (or Node) and the worker that grades one run of the reader's code. */
import type { Localized } from './checks.ts';

export interface GradeRequest {
  type: 'grade';
  exercise: string;
  /** The recorded traces the checks name, by file name. */
  traces: Record<string, Uint8Array>;
}

export interface CheckResult {
  id: string;
  label: Localized;
  trace?: string;
  pass: boolean;
  expected?: string;
  actual?: string;
  /** The reader's code threw (or a named export is missing): the message. */
  error?: string;
  note?: Localized;
}

export interface GradeReport {
  exercise: string;
  results: CheckResult[];
  passed: number;
  total: number;
  /** The module itself failed to load (threw at its top level). */
  loadError?: string;
  /** Exports the checks need and the module lacks. */
  missing: string[];
}

export type FromGrader =
  /** The worker has loaded the runtime and the reader's module text, and waits for the request. */
  | { type: 'ready' }
  | { type: 'log'; text: string }
  | { type: 'report'; report: GradeReport }
  | { type: 'error'; message: string };

/** What one run came to, wherever it ran. */
export type RunOutcome =
  | { kind: 'graded'; report: GradeReport; logs: string[]; ms: number }
  | { kind: 'syntax'; message: string; line?: number; column?: number }
  | { kind: 'timeout'; ms: number; logs: string[] }
  | { kind: 'crash'; message: string; logs: string[] };

export const DEFAULT_TIME_LIMIT_MS = 5000;
/** At most this many console lines are kept from one run (a loop that logs must not flood the page). */
export const MAX_LOG_LINES = 200;

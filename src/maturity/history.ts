/**
 * Earlier results, kept in the browser's localStorage (never sent anywhere). Whatever is stored is
 * checked on read: entries that do not have the expected shape are dropped, and a value that is not
 * JSON at all reads as an empty history, so corrupt data never breaks the page.
 */
export const HISTORY_KEY = 'go-trace-field-guide:maturity:history';
export const ANSWERS_KEY = 'go-trace-field-guide:maturity:answers';
export const HISTORY_LIMIT = 50;

export interface HistoryEntry {
  /** ISO 8601 time. */
  date: string;
  model: number;
  overall: number | null;
  stage: number;
  answered: number;
  dimensions: Record<string, number | null>;
}

const isScore = (x: unknown): x is number | null => x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 10);

export function validEntry(x: unknown): x is HistoryEntry {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.date === 'string' &&
    !Number.isNaN(Date.parse(e.date)) &&
    Number.isInteger(e.model) &&
    isScore(e.overall) &&
    Number.isInteger(e.stage) &&
    (e.stage as number) >= 0 &&
    (e.stage as number) < 10 &&
    Number.isInteger(e.answered) &&
    (e.answered as number) >= 0 &&
    !!e.dimensions &&
    typeof e.dimensions === 'object' &&
    !Array.isArray(e.dimensions) &&
    Object.values(e.dimensions as object).every(isScore)
  );
}

/** The stored history, oldest first; anything unreadable is ignored. */
export function parseHistory(raw: string | null): HistoryEntry[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(validEntry).sort((a, b) => Date.parse(a.date) - Date.parse(b.date)).slice(-HISTORY_LIMIT);
}

export function appendHistory(history: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...history, entry].slice(-HISTORY_LIMIT);
}

/** Saved answers, or {} when missing or not an object of strings. */
export function parseStoredAnswers(raw: string | null): Record<string, string> {
  if (!raw) return {};
  try {
    const data: unknown = JSON.parse(raw);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    return Object.fromEntries(Object.entries(data as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * The reader's edits, kept in localStorage per exercise. What is read back is checked: anything that
 * is not our record (another version, a hand edit, a full quota) is ignored, never trusted.
 */
const PREFIX = 'field-guide:playground:';
const MAX_SOURCE = 200_000;

export interface SavedEdit {
  v: 1;
  source: string;
  savedAt: number;
}

export function storageKey(exercise: string): string {
  return PREFIX + exercise;
}

export function parseSaved(raw: string | null): SavedEdit | null {
  if (raw === null || raw.length > MAX_SOURCE * 2) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { v, source, savedAt } = value as Record<string, unknown>;
    if (v !== 1 || typeof source !== 'string' || source.length > MAX_SOURCE || typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return null;
    return { v: 1, source, savedAt };
  } catch {
    return null;
  }
}

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (privacy settings, sandboxed frame)
  }
}

export function loadEdit(exercise: string): string | null {
  try {
    return parseSaved(store()?.getItem(storageKey(exercise)) ?? null)?.source ?? null;
  } catch {
    return null;
  }
}

export function saveEdit(exercise: string, source: string): void {
  if (source.length > MAX_SOURCE) return;
  try {
    store()?.setItem(storageKey(exercise), JSON.stringify({ v: 1, source, savedAt: Date.now() } satisfies SavedEdit));
  } catch {
    // quota or privacy mode: edits then last as long as the page
  }
}

export function clearEdit(exercise: string): void {
  try {
    store()?.removeItem(storageKey(exercise));
  } catch {
    // nothing to do
  }
}

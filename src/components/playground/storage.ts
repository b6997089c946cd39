/**
 * The reader's edits, kept in localStorage per exercise, under the guide's rule for saved things
 * (src/storage/saved.ts): what is read back is checked, and anything that is not our record (another
 * version, a hand edit) is never trusted and never lost: it is set aside untouched, and the playground
 * offers it for download before its next save.
 */
import { load, remove, save, type KeptCopy } from '../../storage/saved.ts';

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

export interface LoadedEdit {
  /** The saved code, or null (nothing saved, or nothing usable). */
  source: string | null;
  /** Saved texts this page could not use, set aside for the reader. */
  kept: KeptCopy[];
  /** False while such a text still sits under the key (no room to copy it): then edits are not saved. */
  writable: boolean;
}

export function loadEdit(exercise: string): LoadedEdit {
  const loaded = load(storageKey(exercise), (text) => {
    const saved = parseSaved(text);
    return saved ? { value: saved.source } : { value: null, problem: 'unreadable' };
  });
  return { source: loaded.value, kept: loaded.kept, writable: loaded.writable };
}

/** Saves the code; false when it was too long or the browser would not store it (it then lasts as long as the page). */
export function saveEdit(exercise: string, source: string): boolean {
  if (source.length > MAX_SOURCE) return false;
  return save(storageKey(exercise), JSON.stringify({ v: 1, source, savedAt: Date.now() } satisfies SavedEdit));
}

export function clearEdit(exercise: string): void {
  remove(storageKey(exercise));
}

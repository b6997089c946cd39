/**
 * What the reader saves in this browser (localStorage), under one rule for every widget that keeps
 * anything (the self-assessment, quiz progress, playground code): nothing saved is ever lost or
 * overwritten without a word.
 *
 * A widget reads its key with `load` and a parser that says whether it understood all of it. Text it
 * could not use as it was (not JSON, another shape, another version of the page) is first copied,
 * untouched, to a key of its own (KEPT_PREFIX + key + '@' + time); only then may the widget write the
 * key again. Every kept copy of a key is offered to the reader for download or to discard
 * (notice.ts) until the reader discards it. When even the copy cannot be made (storage full), the key
 * is left as it is and `writable` is false: the widget saves nothing there until the reader has
 * downloaded or discarded it.
 *
 * No DOM here: the store is a parameter (localStorage by default), so this is unit-tested in Node.
 */
export const KEPT_PREFIX = 'go-trace-field-guide:unreadable:';

export interface KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function browserStore(): KeyValueStore | null {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    return null; // storage disabled (privacy settings, a sandboxed frame)
  }
}

/** What a parser made of a stored text: the value it could use, and whether anything was left out. */
export interface Reading<T> {
  value: T | null;
  /** Set when the text was not used as it was: nothing of it (unreadable) or only part (partial). */
  problem?: 'unreadable' | 'partial';
}

/** A stored text set aside because it could not be used as it was. */
export interface KeptCopy {
  /** Where the text is: a key of its own, or the original key itself when no copy could be made. */
  key: string;
  /** The key it was saved under. */
  of: string;
  /** When it was set aside (ms since the epoch; 0 when left in place). */
  at: number;
  text: string;
}

export interface Loaded<T> {
  value: T | null;
  problem?: Reading<T>['problem'];
  /** False when an unreadable text could not be copied aside: then the key must not be written. */
  writable: boolean;
  /** Every text of this key set aside so far, this one included, oldest first. */
  kept: KeptCopy[];
}

const keptKey = (key: string, at: number) => `${KEPT_PREFIX}${key}@${at}`;

/** Every kept copy of a key, oldest first. */
export function keptCopies(key: string, store = browserStore()): KeptCopy[] {
  if (!store) return [];
  const prefix = `${KEPT_PREFIX}${key}@`;
  const out: KeptCopy[] = [];
  try {
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (!k?.startsWith(prefix)) continue;
      const at = Number(k.slice(prefix.length));
      const text = store.getItem(k);
      if (text !== null && Number.isFinite(at)) out.push({ key: k, of: key, at, text });
    }
  } catch {
    // Storage went away while reading: what was read stands.
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Sets a text aside under a key of its own (once: a reload finds the copy already there). */
function keep(key: string, text: string, store: KeyValueStore): KeptCopy | null {
  const existing = keptCopies(key, store).find((c) => c.text === text);
  if (existing) return existing;
  let at = Date.now();
  while (store.getItem(keptKey(key, at)) !== null) at++;
  try {
    store.setItem(keptKey(key, at), text);
  } catch {
    return null;
  }
  return { key: keptKey(key, at), of: key, at, text };
}

/** Reads a key: its value when it was understood, having first set aside any text that was not. */
export function load<T>(key: string, parse: (text: string) => Reading<T>, store = browserStore()): Loaded<T> {
  if (!store) return { value: null, writable: true, kept: [] };
  let text: string | null;
  try {
    text = store.getItem(key);
  } catch {
    return { value: null, writable: true, kept: [] };
  }
  if (text === null) return { value: null, writable: true, kept: keptCopies(key, store) };
  let reading: Reading<T>;
  try {
    reading = parse(text);
  } catch {
    reading = { value: null, problem: 'unreadable' };
  }
  if (!reading.problem) return { value: reading.value, writable: true, kept: keptCopies(key, store) };
  const copy = keep(key, text, store);
  if (copy) return { value: reading.value, problem: reading.problem, writable: true, kept: keptCopies(key, store) };
  // No room for a copy: the text stays where it is, and so must stay until the reader decides.
  return { value: reading.value, problem: reading.problem, writable: false, kept: [...keptCopies(key, store), { key, of: key, at: 0, text }] };
}

/** Writes a key; false when the browser refused (storage disabled or full). */
export function save(key: string, text: string, store = browserStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

/** Removes a key (a reader's explicit choice, such as a confirmed "Clear answers"). */
export function remove(key: string, store = browserStore()): void {
  try {
    store?.removeItem(key);
  } catch {
    // Nothing more to do: the value stays, and is read and checked like any other next time.
  }
}

/**
 * The reader discards a kept text: its copy goes, and so does the original when it still holds the
 * same text (nothing was saved over it yet), so that it is not set aside again on the next load.
 */
export function discard(copy: KeptCopy, store = browserStore()): void {
  if (!store) return;
  try {
    if (store.getItem(copy.of) === copy.text) store.removeItem(copy.of);
    if (copy.key !== copy.of) store.removeItem(copy.key);
  } catch {
    // Whatever could not be removed is offered again next time.
  }
}

/** A JSON parser for `load` that needs nothing more than valid JSON of a given shape. */
export function jsonReading<T>(text: string, read: (data: unknown) => Reading<T>): Reading<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: null, problem: 'unreadable' };
  }
  return read(data);
}

/** A small in-memory store for tests and for pages without localStorage. */
export class MemoryStore implements KeyValueStore {
  private map = new Map<string, string>();
  /** Characters this store holds at most; a write past it throws, as a full localStorage does. */
  readonly quota: number;
  constructor(quota = Infinity) {
    this.quota = quota;
  }
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.map].reduce((n, [key, value]) => (key === k ? n : n + key.length + value.length), 0);
    if (used + k.length + v.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

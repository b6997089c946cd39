import { describe, expect, it } from 'vitest';
import { KEPT_PREFIX, MemoryStore, discard, jsonReading, keptCopies, load, save, type Reading } from '../../src/storage/saved.ts';

/** A parser for objects of strings: anything else in them is left out (a partial reading). */
const strings = (text: string): Reading<Record<string, string>> =>
  jsonReading(text, (data) => {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { value: null, problem: 'unreadable' };
    const entries = Object.entries(data);
    const good = entries.filter(([, v]) => typeof v === 'string') as [string, string][];
    return { value: Object.fromEntries(good), ...(good.length < entries.length ? { problem: 'partial' as const } : {}) };
  });

describe('saved values', () => {
  it('reads what it understands, and keeps nothing aside', () => {
    const store = new MemoryStore();
    store.setItem('k', '{"a":"yes"}');
    expect(load('k', strings, store)).toEqual({ value: { a: 'yes' }, writable: true, kept: [] });
    expect(load('missing', strings, store)).toEqual({ value: null, writable: true, kept: [] });
  });

  it('sets an unreadable text aside, untouched, before anything may overwrite it', () => {
    const store = new MemoryStore();
    store.setItem('k', '{garbage');
    const loaded = load('k', strings, store);
    expect(loaded.value).toBeNull();
    expect(loaded.problem).toBe('unreadable');
    expect(loaded.writable).toBe(true);
    expect(loaded.kept).toHaveLength(1);
    expect(loaded.kept[0]).toMatchObject({ of: 'k', text: '{garbage' });
    expect(loaded.kept[0].key.startsWith(`${KEPT_PREFIX}k@`)).toBe(true);
    expect(store.getItem(loaded.kept[0].key)).toBe('{garbage');
    // The widget saves afresh; the kept text is still there, and still offered.
    save('k', '{"a":"no"}', store);
    expect(load('k', strings, store)).toMatchObject({ value: { a: 'no' }, kept: [{ text: '{garbage' }] });
  });

  it('keeps a text once, however often the page is loaded', () => {
    const store = new MemoryStore();
    store.setItem('k', 'not json');
    load('k', strings, store);
    load('k', strings, store);
    expect(keptCopies('k', store)).toHaveLength(1);
    // A second, different damage is kept beside the first.
    store.setItem('k', 'other damage');
    expect(load('k', strings, store).kept.map((c) => c.text)).toEqual(['not json', 'other damage']);
  });

  it('keeps the whole text when only part of it could be used', () => {
    const store = new MemoryStore();
    store.setItem('k', '{"a":"yes","b":42}');
    const loaded = load('k', strings, store);
    expect(loaded).toMatchObject({ value: { a: 'yes' }, problem: 'partial', writable: true });
    expect(loaded.kept[0].text).toBe('{"a":"yes","b":42}');
  });

  it('when there is no room for a copy, leaves the text in place and forbids writing over it', () => {
    const store = new MemoryStore(40);
    store.setItem('k', '{garbage that fills the store}');
    const loaded = load('k', strings, store);
    expect(loaded.writable).toBe(false);
    expect(loaded.kept).toEqual([{ key: 'k', of: 'k', at: 0, text: '{garbage that fills the store}' }]);
    expect(store.getItem('k')).toBe('{garbage that fills the store}');
    // Discarding it (after a download, say) frees the key.
    discard(loaded.kept[0], store);
    expect(store.getItem('k')).toBeNull();
    expect(load('k', strings, store)).toEqual({ value: null, writable: true, kept: [] });
  });

  it('discarding a kept copy removes the original too while nothing was saved over it', () => {
    const store = new MemoryStore();
    store.setItem('k', '{garbage');
    const [copy] = load('k', strings, store).kept;
    discard(copy, store);
    expect(store.length).toBe(0);
    expect(load('k', strings, store).kept).toEqual([]);
  });

  it('discarding a kept copy leaves what was saved since', () => {
    const store = new MemoryStore();
    store.setItem('k', '{garbage');
    const [copy] = load('k', strings, store).kept;
    save('k', '{"a":"yes"}', store);
    discard(copy, store);
    expect(store.getItem('k')).toBe('{"a":"yes"}');
    expect(keptCopies('k', store)).toEqual([]);
  });

  it('kept copies of one key are not another key’s', () => {
    const store = new MemoryStore();
    store.setItem('a', 'x');
    store.setItem('ab', 'y');
    load('a', strings, store);
    load('ab', strings, store);
    expect(keptCopies('a', store).map((c) => c.text)).toEqual(['x']);
    expect(keptCopies('ab', store).map((c) => c.text)).toEqual(['y']);
  });

  it('a parser that throws reads as unreadable, and the text is kept', () => {
    const store = new MemoryStore();
    store.setItem('k', '{}');
    const loaded = load('k', () => {
      throw new Error('bug');
    }, store);
    expect(loaded.problem).toBe('unreadable');
    expect(loaded.kept[0].text).toBe('{}');
  });

  it('without a store, nothing is read and a save says it failed', () => {
    expect(load('k', strings, null)).toEqual({ value: null, writable: true, kept: [] });
    expect(save('k', 'x', null)).toBe(false);
  });
});

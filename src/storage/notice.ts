/**
 * The notice a widget shows for saved text it could not use (saved.ts): what happened, and for each
 * kept text a Download button (a Blob URL, nothing leaves the browser) and a Discard button. Every
 * word comes from the widget's UI strings (content/i18n `storage.*`).
 */
import { formatMessage, pageLang } from '../site/message.ts';
import { discard, type KeptCopy } from './saved.ts';

export const STORAGE_KEYS = ['kept', 'blocked', 'download', 'discard', 'discarded'] as const;
export type StorageStrings = Record<(typeof STORAGE_KEYS)[number], string>;

export function storageStrings(t: (key: string) => string): StorageStrings {
  return Object.fromEntries(STORAGE_KEYS.map((k) => [k, t(`storage.${k}`)])) as StorageStrings;
}

const fileName = (copy: KeptCopy) => {
  const stem = copy.of.replace(/^go-trace-field-guide:|^field-guide:/, '').replace(/[^\w-]+/g, '-');
  const date = new Date(copy.at || Date.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${stem}-unreadable-${date}.txt`;
};

/**
 * A notice for the kept texts of one key, or null when there are none. `what` names the saved thing
 * in the reader's words ("your answers"); `onChange` runs after a discard.
 */
export function keptNotice(copies: KeptCopy[], what: string, s: StorageStrings, onChange: () => void = () => {}): HTMLElement | null {
  if (copies.length === 0) return null;
  const box = document.createElement('div');
  box.className = 'fg-kept';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = formatMessage(s.kept, { what }, pageLang());
  if (copies.some((c) => c.key === c.of)) p.textContent += ` ${s.blocked}`;
  box.append(p);
  for (const copy of copies) {
    const row = document.createElement('p');
    row.className = 'fg-kept__actions';
    const download = document.createElement('button');
    download.type = 'button';
    download.dataset.action = 'download-kept';
    download.textContent = s.download;
    download.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([copy.text], { type: 'text/plain;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(copy);
      a.hidden = true;
      box.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
    const drop = document.createElement('button');
    drop.type = 'button';
    drop.dataset.action = 'discard-kept';
    drop.textContent = s.discard;
    drop.addEventListener('click', () => {
      discard(copy);
      row.replaceChildren(s.discarded);
      if (!box.querySelector('button[data-action="discard-kept"]')) box.dataset.done = '';
      onChange();
    });
    row.append(download, ' ', drop);
    box.append(row);
  }
  return box;
}

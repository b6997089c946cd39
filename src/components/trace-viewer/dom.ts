/** The one DOM helper the viewer's modules share. Trace text goes in as textContent, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(cls: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A link-styled button whose text is trace data (a function, region or task name): set as code. */
export function codeButton(cls: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', cls);
  b.type = 'button';
  b.append(el('code', undefined, text));
  b.addEventListener('click', onClick);
  return b;
}

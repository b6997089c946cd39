/**
 * <field-guide-playground>: the light half of Playground.astro. Until the reader presses "Open the
 * playground" the page holds the task and the starter code as text; the editor, CodeMirror and the
 * runner load only then (playground-app.ts), and TypeScript only once the editor asks for types.
 */
class PlaygroundElement extends HTMLElement {
  private opened = false;

  connectedCallback() {
    this.querySelector('[data-action="open"]')?.addEventListener('click', () => void this.open());
  }

  private async open() {
    if (this.opened) return;
    this.opened = true;
    const button = this.querySelector<HTMLButtonElement>('[data-action="open"]')!;
    const note = this.querySelector<HTMLElement>('.pg-launch-status')!;
    const strings = JSON.parse(this.dataset.strings ?? '{}') as Record<string, string>;
    button.disabled = true;
    note.textContent = strings.opening ?? '';
    try {
      const { mountPlayground } = await import('./playground-app.ts');
      const template = (name: string) => this.querySelector<HTMLTemplateElement>(`template[data-code="${name}"]`)?.content.textContent ?? '';
      mountPlayground(this, {
        exercise: this.dataset.exercise!,
        base: this.dataset.base ?? '/',
        lang: this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en',
        starter: template('starter'),
        solution: template('solution'),
        traces: JSON.parse(this.dataset.traces ?? '[]'),
        timeLimitMs: Number(this.dataset.timeLimit) || 5000,
        strings,
        storageStrings: JSON.parse(this.dataset.storageStrings ?? '{}'),
      });
      this.querySelector<HTMLElement>('.pg-launch')!.hidden = true;
      this.querySelector<HTMLElement>('.pg-preview')!.hidden = true;
    } catch (error) {
      this.opened = false;
      button.disabled = false;
      note.textContent = (strings.openFailed ?? '{message}').replace('{message}', error instanceof Error ? error.message : String(error));
    }
  }
}

export function definePlayground() {
  if (!customElements.get('field-guide-playground')) customElements.define('field-guide-playground', PlaygroundElement);
}

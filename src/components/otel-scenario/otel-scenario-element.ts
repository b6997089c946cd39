/**
 * <otel-scenario>: the light half of OtelScenario.astro, loaded with the page. It shows the note of
 * the chosen variant (which one runs against a simulated Collector) and, on Run, imports the heavy
 * half (run.ts: the runner, the waterfall, the viewer), which loads the WebAssembly binary. A
 * failure to load even that is a message in the box.
 */

class OtelScenarioElement extends HTMLElement {
  private controller: AbortController | null = null;
  private cleanup: (() => void) | null = null;

  connectedCallback() {
    const select = this.querySelector<HTMLSelectElement>('select[name="variant"]');
    select?.addEventListener('change', () => this.showNote(select.value));
    if (select) this.showNote(select.value);
    this.querySelector('[data-action="run"]')?.addEventListener('click', () => void this.run());
    this.querySelector('[data-action="cancel"]')?.addEventListener('click', () => this.controller?.abort());
  }

  disconnectedCallback() {
    this.controller?.abort();
    this.cleanup?.();
  }

  private showNote(variant: string) {
    for (const p of this.querySelectorAll<HTMLElement>('[data-note-for]')) p.hidden = p.dataset.noteFor !== variant || p.childElementCount === 0;
  }

  private async run() {
    const run = this.querySelector<HTMLButtonElement>('[data-action="run"]')!;
    const cancel = this.querySelector<HTMLButtonElement>('[data-action="cancel"]')!;
    const status = this.querySelector<HTMLElement>('.otel-scenario__status')!;
    const strings: Record<string, string> = JSON.parse(this.dataset.strings ?? '{}');
    run.disabled = true;
    cancel.hidden = false;
    this.cleanup?.();
    this.cleanup = null;
    this.controller = new AbortController();
    try {
      const { runOtelScenario } = await import('./run.ts');
      this.cleanup = await runOtelScenario(this, this.controller.signal);
    } catch (error) {
      status.dataset.state = 'failed';
      status.textContent = `${strings.failed ?? 'Failed'}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      run.disabled = false;
      cancel.hidden = true;
      this.controller = null;
    }
  }
}

export function defineOtelScenario() {
  if (!customElements.get('otel-scenario')) customElements.define('otel-scenario', OtelScenarioElement);
}

/**
 * <go-scenario>: the behaviour behind GoScenario.astro. On Run it loads the runner (and so the Go
 * WebAssembly binary) for the first time, shows progress while the binary downloads and while the
 * program runs, then shows the program's output, exit status and a summary of its trace, with the
 * trace to download. Every failure (no WebAssembly, a load error, the time limit) becomes a message in
 * the box; the page itself never breaks.
 *
 * While the program offers snapshots (a flight recorder), the Snapshot button asks it for the trace
 * of its last seconds, which opens in a viewer below the box with the slowest request marked; the
 * program's own trace, at the end, is marked the same way.
 */
import type { ScenarioRun, SnapshotOffer } from '../../go-wasm/go-scenarios.ts';

type Strings = Record<string, string>;

/** The live output keeps its last characters: enough to follow a program, never a page's worth. */
const LIVE_OUTPUT_CHARS = 4000;

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(2)} MiB`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

class GoScenarioElement extends HTMLElement {
  private controller: AbortController | null = null;
  private downloadUrl: string | null = null;
  private viewer: { destroy(): void } | null = null;
  private viewerAbort: AbortController | null = null;
  private running: ScenarioRun | null = null;
  /** What the current (or last) run offered: marks its snapshots and its own trace. */
  private offer: SnapshotOffer | null = null;
  private snapshotViewer: { destroy(): void } | null = null;
  private snapshotAbort: AbortController | null = null;

  connectedCallback() {
    this.querySelector('[data-action="run"]')?.addEventListener('click', () => void this.run());
    this.querySelector('[data-action="snapshot"]')?.addEventListener('click', () => void this.snapshot());
    this.querySelector('[data-action="cancel"]')?.addEventListener('click', () => this.controller?.abort());
  }

  disconnectedCallback() {
    this.controller?.abort();
    this.viewerAbort?.abort();
    this.viewer?.destroy();
    this.snapshotAbort?.abort();
    this.snapshotViewer?.destroy();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  private get strings(): Strings {
    return JSON.parse(this.dataset.strings ?? '{}');
  }

  private setStatus(state: string, text: string) {
    const status = this.querySelector<HTMLElement>('.go-scenario__status')!;
    status.dataset.state = state;
    status.textContent = text;
  }

  private async run() {
    const s = this.strings;
    const runButton = this.querySelector<HTMLButtonElement>('[data-action="run"]')!;
    const cancelButton = this.querySelector<HTMLButtonElement>('[data-action="cancel"]')!;
    const progress = this.querySelector('progress')!;
    const result = this.querySelector<HTMLElement>('.go-scenario__result')!;
    const live = this.querySelector<HTMLElement>('.go-scenario__live')!;
    const variant = this.querySelector<HTMLSelectElement | HTMLInputElement>('[name="variant"]')?.value ?? 'fixed';
    const scenario = this.dataset.scenario!;

    runButton.disabled = true;
    cancelButton.hidden = false;
    result.hidden = true;
    result.replaceChildren();
    this.viewerAbort?.abort();
    this.viewer?.destroy();
    this.viewer = null;
    this.clearSnapshot();
    this.offer = null;
    live.textContent = '';
    this.controller = new AbortController();
    this.setStatus('loading', s.loading);

    try {
      if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
        throw new Error('This browser cannot run WebAssembly in a Web Worker.');
      }
      const { startScenario } = await import('../../go-wasm/go-scenarios.ts');
      this.running = startScenario(
        {
          scenario,
          variant,
          params: JSON.parse(this.dataset.params ?? '{}'),
          env: JSON.parse(this.dataset.env ?? '{}'),
          traceFrom: this.dataset.traceFrom === 'stderr' ? 'stderr' : 'file',
          timeoutMs: Number(this.dataset.timeout) || undefined,
          base: this.dataset.base ?? '/',
          binary: this.dataset.binary!,
          wasmBytes: Number(this.dataset.wasmBytes) || undefined,
        },
        {
          signal: this.controller.signal,
          onState: (state) => {
            progress.hidden = state !== 'loading';
            if (state === 'running') {
              progress.hidden = false;
              progress.removeAttribute('value');
            }
            if (state === 'loading' || state === 'running') this.setStatus(state, s[state]);
          },
          onProgress: (loaded, total) => {
            progress.hidden = false;
            if (total > 0) {
              progress.max = total;
              progress.value = loaded;
            }
            this.setStatus('loading', `${s.loading} ${formatBytes(loaded)}${total ? ` / ${formatBytes(total)}` : ''}`);
          },
          onSnapshots: (offer) => this.showSnapshotButton(offer),
          // What the program prints while it runs (the flight recorder's slow requests, say).
          onOutput: (_stream, text) => {
            live.hidden = false;
            live.textContent = (live.textContent + text).slice(-LIVE_OUTPUT_CHARS);
            live.scrollTop = live.scrollHeight;
          },
        },
      );
      const run = await this.running.done;
      const { summarizeTrace } = await import('./trace-summary.ts');
      this.showResult(result, run, summarizeTrace(run.trace), scenario, variant);
      this.setStatus('done', `${s.done} (${(run.durationMs / 1000).toFixed(1)} s)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus('failed', `${s.failed}: ${message}`);
      const output = (error as { output?: { stdout: string; stderr: string } }).output;
      if (output && (output.stdout || output.stderr)) {
        result.append(el('pre', output.stdout + output.stderr));
        result.hidden = false;
      }
    } finally {
      progress.hidden = true;
      live.hidden = true;
      runButton.disabled = false;
      cancelButton.hidden = true;
      this.controller = null;
      this.running = null;
      this.showSnapshotButton(null);
    }
  }

  /** Shows the Snapshot button while the running program offers snapshots; offer null hides it. */
  private showSnapshotButton(offer: SnapshotOffer | null) {
    const button = this.querySelector<HTMLButtonElement>('[data-action="snapshot"]');
    const note = this.querySelector<HTMLElement>('[data-snapshot-note]');
    if (offer) this.offer = offer;
    if (button) {
      button.hidden = offer === null;
      button.disabled = false;
    }
    if (note) note.hidden = offer === null;
  }

  private clearSnapshot() {
    this.snapshotAbort?.abort();
    this.snapshotViewer?.destroy();
    this.snapshotViewer = null;
    const box = this.querySelector<HTMLElement>('.go-scenario__snapshot');
    if (box) box.hidden = true;
    box?.querySelector('.go-scenario__viewer')?.replaceChildren();
  }

  /**
   * Asks the running program for the trace of its last seconds and opens it below the box, its
   * slowest request marked. A failure (the program ended, no answer in time) is a message there.
   */
  private async snapshot() {
    const run = this.running;
    const offer = this.offer;
    const button = this.querySelector<HTMLButtonElement>('[data-action="snapshot"]');
    const box = this.querySelector<HTMLElement>('.go-scenario__snapshot');
    const status = box?.querySelector<HTMLElement>('.go-scenario__snapshot-status');
    const host = box?.querySelector<HTMLElement>('.go-scenario__viewer');
    if (!run || !offer || !box || !status || !host) return;
    const s = this.strings;
    this.clearSnapshot();
    const abort = new AbortController();
    this.snapshotAbort = abort;
    box.hidden = false;
    status.dataset.state = 'loading';
    status.textContent = s.snapshotTaking;
    if (button) button.disabled = true;
    try {
      const trace = await run.snapshot();
      if (abort.signal.aborted) return;
      const { analyse, show } = await import('../trace-viewer/load.ts');
      const { slowRegionHighlight } = await import('./slow-region.ts');
      const { formatNs } = await import('../trace-viewer/scale.ts');
      const model = await analyse(new Blob([trace as BlobPart]), { signal: abort.signal });
      if (abort.signal.aborted) return;
      const highlight = slowRegionHighlight(model, offer, { slowRegion: s.slowRegion, slowestRegion: s.slowestRegion });
      status.dataset.state = 'done';
      status.textContent = s.snapshotTaken.replace('{duration}', formatNs(model.duration)).replace('{size}', formatBytes(trace.byteLength));
      if (!highlight) status.textContent += ` ${s.noRegion.replace('{region}', offer.region)}`;
      this.snapshotViewer = show(host, model, { ...this.viewerOptions(), highlight });
    } catch (error) {
      if (abort.signal.aborted) return;
      status.dataset.state = 'failed';
      status.textContent = s.snapshotFailed.replace('{message}', error instanceof Error ? error.message : String(error));
    } finally {
      if (button) button.disabled = false;
    }
  }

  private viewerOptions() {
    return {
      strings: JSON.parse(this.dataset.viewerStrings ?? '{}'),
      lessonBase: this.dataset.lessonBase,
      publishedLessons: JSON.parse(this.dataset.lessons ?? 'null') ?? undefined,
      height: 360,
    };
  }

  private showResult(
    result: HTMLElement,
    run: { trace: Uint8Array; stdout: string; stderr: string; exitCode: number },
    summary: import('./trace-summary.ts').TraceSummary,
    scenario: string,
    variant: string,
  ) {
    const s = this.strings;
    const facts = el('dl');
    const add = (label: string, value: string) => facts.append(el('dt', label), el('dd', value));
    add(s.exitCode, String(run.exitCode));
    add(s.traceSize, formatBytes(summary.bytes));
    add(s.header, summary.header || '—');
    add(s.events, String(summary.events));
    add(s.goroutines, String(summary.goroutines));
    add(s.gcs, String(summary.gcs));
    add(s.duration, `${(summary.durationNs / 1e6).toFixed(2)} ms`);
    if (summary.error) add(s.brokenTrace, summary.error);
    result.append(facts);

    result.append(el('h4', s.output));
    result.append(el('pre', run.stdout + run.stderr || s.noOutput));

    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(new Blob([run.trace as BlobPart], { type: 'application/octet-stream' }));
    const link = el('a', `${s.download} (${formatBytes(run.trace.byteLength)})`);
    link.href = this.downloadUrl;
    link.download = `${scenario}-${variant}.trace`;
    result.append(link);
    result.hidden = false;
    this.dispatchEvent(new CustomEvent('go-scenario:trace', { bubbles: true, detail: { scenario, variant, trace: run.trace } }));
    void this.showViewer(result, run.trace);
  }

  /**
   * The fresh trace in the trace viewer, below the result: the viewer and the analysis load only now
   * (the analysis runs in its own Web Worker). A failure here leaves the result above as it is.
   */
  private async showViewer(result: HTMLElement, trace: Uint8Array) {
    const viewerStrings = this.dataset.viewerStrings;
    if (!viewerStrings) return;
    const host = el('div');
    host.className = 'go-scenario__viewer';
    result.append(host);
    const abort = new AbortController();
    this.viewerAbort = abort;
    try {
      const { analyse, show } = await import('../trace-viewer/load.ts');
      const model = await analyse(new Blob([trace as BlobPart]), { signal: abort.signal });
      if (abort.signal.aborted || model.events === 0) return;
      let highlight;
      if (this.offer) {
        const s = this.strings;
        const { slowRegionHighlight } = await import('./slow-region.ts');
        highlight = slowRegionHighlight(model, this.offer, { slowRegion: s.slowRegion, slowestRegion: s.slowestRegion });
      }
      this.viewer = show(host, model, { ...this.viewerOptions(), highlight });
    } catch (error) {
      if (abort.signal.aborted) return;
      host.textContent = (JSON.parse(viewerStrings).failed ?? '{message}').replace('{message}', error instanceof Error ? error.message : String(error));
    }
  }
}

export function defineGoScenario() {
  if (!customElements.get('go-scenario')) customElements.define('go-scenario', GoScenarioElement);
}

/**
 * <trace-viewer>: the light half of TraceViewer.astro. It only watches for the viewer to come near the
 * screen; then it imports the renderer and the analysis client (load.ts), fetches the recorded trace,
 * analyses it in a Web Worker and draws it. Nothing heavy is loaded with the page.
 */
import type { ViewName } from './viewer.ts';

type Strings = Record<string, string>;

class TraceViewerElement extends HTMLElement {
  private observer: IntersectionObserver | null = null;
  private handle: { destroy(): void } | null = null;
  private controller = new AbortController();
  private started = false;

  connectedCallback() {
    if (this.started) return;
    if (!('IntersectionObserver' in window)) return void this.start();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.start();
      },
      // A little ahead of the screen, not a whole screen: a viewer just below the first screen must
      // not load before the reader scrolls (lessons load under 60 KB of JavaScript until touched).
      { rootMargin: '0px 0px 100px 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.controller.abort();
    this.handle?.destroy();
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    this.observer?.disconnect();
    const strings: Strings = JSON.parse(this.dataset.strings ?? '{}');
    const status = this.querySelector<HTMLElement>('.trace-viewer__status');
    const host = this.querySelector<HTMLElement>('.trace-viewer__host') ?? this;
    try {
      const { analyse, fetchTrace, show } = await import('./load.ts');
      const blob = await fetchTrace(this.dataset.traceUrl!, this.controller.signal);
      const model = await analyse(blob, { signal: this.controller.signal });
      this.handle = show(host, model, {
        strings,
        markers: JSON.parse(this.dataset.markers ?? '[]'),
        window: this.dataset.window ? JSON.parse(this.dataset.window) : undefined,
        height: Number(this.dataset.height) || undefined,
        lessonBase: this.dataset.lessonBase,
        publishedLessons: JSON.parse(this.dataset.lessons ?? 'null') ?? undefined,
        source: blob,
        view: (this.dataset.openView as ViewName | undefined) ?? undefined,
      });
      status?.remove();
      this.dataset.ready = 'true';
    } catch (error) {
      if (this.controller.signal.aborted) return;
      if (status) {
        status.dataset.state = 'failed';
        status.textContent = (strings.failed ?? '{message}').replace('{message}', error instanceof Error ? error.message : String(error));
      }
    }
  }
}

export function defineTraceViewer() {
  if (!customElements.get('trace-viewer')) customElements.define('trace-viewer', TraceViewerElement);
}

/**
 * <trace-opener>: the behaviour behind TraceOpener.astro. A dropped or chosen file is analysed in a Web
 * Worker (load.ts, imported on first use) with progress and Cancel, then shown in the viewer. A file
 * that is empty, only a trace header or no trace at all is named as such from its first bytes
 * (file-kind.ts), without loading the reader. Errors become a message in the box, with the timeline of
 * whatever was read before the error; the page never blanks and never waits on the network.
 */
import { fileKind, type FileKind } from './file-kind.ts';
import { formatMessage, pageLang } from '../../site/message.ts';

type Strings = Record<string, string>;

const fill = (s: string, facts: Record<string, string | number>) => formatMessage(s, facts, pageLang());
const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : n < 1 << 30 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / (1 << 30)).toFixed(2)} GiB`;

class TraceOpenerElement extends HTMLElement {
  private controller: AbortController | null = null;
  private handle: { destroy(): void } | null = null;
  private ac = new AbortController();

  connectedCallback() {
    const signal = this.ac.signal;
    const input = this.querySelector<HTMLInputElement>('input[type="file"]')!;
    const zone = this.querySelector<HTMLElement>('.trace-opener__drop')!;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.open(file);
    }, { signal });
    this.querySelector('[data-action="cancel"]')?.addEventListener('click', () => this.controller?.abort(), { signal });
    // The whole box is a drop target; dragover must be cancelled for drop to fire.
    this.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      zone.dataset.over = '';
    }, { signal });
    this.addEventListener('dragleave', () => delete zone.dataset.over, { signal });
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      delete zone.dataset.over;
      const file = e.dataTransfer?.files?.[0];
      if (file) void this.open(file);
    }, { signal });
  }

  disconnectedCallback() {
    this.ac.abort();
    this.controller?.abort();
    this.handle?.destroy();
  }

  private async open(file: File) {
    const s: Strings = JSON.parse(this.dataset.strings ?? '{}');
    const viewerStrings: Strings = JSON.parse(this.dataset.viewerStrings ?? '{}');
    const progressBox = this.querySelector<HTMLElement>('.trace-opener__progress')!;
    const progress = progressBox.querySelector('progress')!;
    const read = this.querySelector<HTMLElement>('.trace-opener__read')!;
    const errorBox = this.querySelector<HTMLElement>('.trace-opener__error')!;
    const host = this.querySelector<HTMLElement>('.trace-opener__viewer')!;
    const info = this.querySelector<HTMLElement>('.trace-opener__file')!;

    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.handle?.destroy();
    this.handle = null;
    host.replaceChildren();
    errorBox.hidden = true;
    errorBox.replaceChildren();
    delete this.dataset.state;
    info.textContent = fill(s.fileInfo, { name: file.name, size: formatBytes(file.size) });
    progressBox.hidden = false;
    progress.max = Math.max(1, file.size);
    progress.value = 0;
    read.textContent = fill(s.reading, { read: formatBytes(0), total: formatBytes(file.size) });
    const started = performance.now();

    const kind = fileKind(new Uint8Array(await file.slice(0, 64).arrayBuffer()), file.size);
    if (kind.kind !== 'trace') {
      progressBox.hidden = true;
      this.explain(kind, file.name);
      this.dataset.state = 'error';
      this.dataset.fileKind = kind.kind;
      if (this.controller === controller) this.controller = null;
      return;
    }
    delete this.dataset.fileKind;

    try {
      const { analyse, show } = await import('./load.ts');
      const model = await analyse(file, {
        signal: controller.signal,
        // data-split-from-bytes: read smaller files in two workers too (tests use it on small traces).
        splitFromBytes: this.dataset.splitFromBytes ? Number(this.dataset.splitFromBytes) : undefined,
        onProgress: (done, total) => {
          progress.max = Math.max(1, total || file.size);
          progress.value = done;
          read.textContent = fill(s.reading, { read: formatBytes(done), total: formatBytes(total || file.size) });
        },
      });
      if (controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
      progressBox.hidden = true;
      if (model.error) {
        this.showError(model.error.message, model.events);
      } else if (model.events === 0 && model.truncatedCause === 'header-only') {
        // A Go 1.26+ file that is its header and the clock batch of a generation never ended reads
        // without an error, and holds nothing: the same mistake as a 16-byte file, said the same way.
        this.explain({ kind: 'header-only', version: model.version.replace(/^go /, '') }, file.name);
        this.dataset.fileKind = 'header-only';
      }
      if (model.events > 0) {
        this.handle = show(host, model, { strings: viewerStrings, lessonBase: this.dataset.lessonBase, publishedLessons: JSON.parse(this.dataset.lessons ?? 'null') ?? undefined, source: file, analyseInBackground: true });
      }
      this.dataset.state = model.error || model.events === 0 ? 'error' : 'ready';
      this.dataset.ms = String(Math.round(performance.now() - started));
      this.dispatchEvent(new CustomEvent('trace-opener:ready', { bubbles: true, detail: { ms: performance.now() - started } }));
    } catch (error) {
      progressBox.hidden = true;
      if (controller.signal.aborted || (error as Error)?.name === 'AbortError') {
        info.textContent = s.cancelled;
        this.dataset.state = 'cancelled';
        return;
      }
      const e = error as { message?: string; events?: number };
      this.showError(e?.message ?? String(error), e?.events ?? 0);
      this.dataset.state = 'error';
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Names a file that is not a readable trace, and links the lesson that explains the usual cause. */
  private explain(kind: Exclude<FileKind, { kind: 'trace' }>, name: string) {
    const s: Strings = JSON.parse(this.dataset.strings ?? '{}');
    const lesson = this.dataset.captureLesson ? (JSON.parse(this.dataset.captureLesson) as { title: string; href: string; stopHref: string }) : null;
    const box = this.querySelector<HTMLElement>('.trace-opener__error')!;
    const p = document.createElement('p');
    p.className = 'trace-opener__kind';
    if (kind.kind === 'empty') p.textContent = fill(s.empty, { name });
    else if (kind.kind === 'header-only') p.textContent = fill(s.headerOnly, { name, version: kind.version });
    else p.textContent = fill(s.notTrace, { name, looks: s[`looks.${kind.looks}`] });
    box.replaceChildren(p);
    if (lesson) {
      const more = document.createElement('p');
      const a = document.createElement('a');
      a.href = kind.kind === 'header-only' ? lesson.stopHref : lesson.href;
      a.textContent = fill(kind.kind === 'header-only' ? s.lessonStop : s.lessonCapture, { title: lesson.title });
      more.append(a);
      box.append(more);
    }
    box.hidden = false;
  }

  private showError(message: string, events: number) {
    const s: Strings = JSON.parse(this.dataset.strings ?? '{}');
    const box = this.querySelector<HTMLElement>('.trace-opener__error')!;
    const p1 = document.createElement('p');
    p1.textContent = fill(s.error, { message });
    const p2 = document.createElement('p');
    p2.textContent = events > 0 ? fill(s.eventsBefore, { events: events.toLocaleString() }) : s.noEvents;
    box.replaceChildren(p1, p2);
    box.hidden = false;
  }
}

export function defineTraceOpener() {
  if (!customElements.get('trace-opener')) customElements.define('trace-opener', TraceOpenerElement);
}

/**
 * The heavy half of <otel-scenario>, imported when the reader presses Run: runs the scenario in its
 * worker (src/go-wasm), then shows what the program printed, its spans as a waterfall and, with
 * executionTrace, the execution trace in the viewer with each span linked to its task. Every failure
 * (no WebAssembly, a load error, the time limit, a trace that cannot be read) is a message in the box.
 */
import { OTEL_BINARY, startScenario, type ScenarioResult } from '../../go-wasm/go-scenarios.ts';
import { formatMessage, pageLang } from '../../site/message.ts';
import { mountWaterfall, type WaterfallHandle } from '../span-waterfall/waterfall.ts';
import type { ViewerHandle } from '../trace-viewer/viewer.ts';
import type { VariantRun } from './catalogue.ts';
import type { SpanLink } from './span-link.ts';

/** The live output keeps its last characters: enough to follow a program, never a page's worth. */
const LIVE_OUTPUT_CHARS = 4000;

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Runs the box's scenario; resolves with a function that removes what the run put on the page. */
export async function runOtelScenario(box: HTMLElement, signal: AbortSignal): Promise<() => void> {
  const d = box.dataset;
  const strings: Record<string, string> = JSON.parse(d.strings ?? '{}');
  const lang = pageLang();
  const S = (key: string, values: Record<string, string | number> = {}) => formatMessage(strings[key] ?? key, values, lang);
  const variants: VariantRun[] = JSON.parse(d.variants ?? '[]');
  const chosen = box.querySelector<HTMLSelectElement | HTMLInputElement>('[name="variant"]')?.value ?? variants[0]?.name;
  const variant = variants.find((v) => v.name === chosen) ?? variants[0];
  const status = box.querySelector<HTMLElement>('.otel-scenario__status')!;
  const progress = box.querySelector('progress')!;
  const result = box.querySelector<HTMLElement>('.otel-scenario__result')!;
  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  const urls: string[] = [];
  let waterfall: WaterfallHandle | null = null;
  let viewer: ViewerHandle | null = null;
  let link: SpanLink | null = null;
  const viewerAbort = new AbortController();
  const cleanup = () => {
    viewerAbort.abort();
    link?.destroy();
    viewer?.destroy();
    waterfall?.destroy();
    for (const u of urls) URL.revokeObjectURL(u);
    result.replaceChildren();
    result.hidden = true;
  };
  result.replaceChildren();

  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') throw new Error('This browser cannot run WebAssembly in a Web Worker.');
  const live = el('pre', 'otel-live');
  live.hidden = true;
  result.append(live);
  result.hidden = false;
  setStatus('loading', S('loading'));
  const executionTrace = d.executionTrace === 'true';
  let run: ScenarioResult;
  try {
    run = await startScenario(
      {
        binary: OTEL_BINARY, program: 'otel', scenario: d.scenario!, variant: variant.name, params: JSON.parse(d.params ?? '{}'), executionTrace,
        timeoutMs: variant.timeLimitMs, base: d.base ?? '/', wasmBytes: Number(d.wasmBytes) || undefined,
      },
      {
        signal,
        onState: (state) => {
          progress.hidden = state !== 'loading' && state !== 'running';
          if (state === 'running') progress.removeAttribute('value');
          if (state === 'loading' || state === 'running') setStatus(state, S(state));
        },
        onProgress: (loaded, total) => {
          progress.hidden = false;
          if (total > 0) {
            progress.max = total;
            progress.value = Math.min(loaded, total);
          }
          setStatus('loading', `${S('loading')} ${formatBytes(loaded)}${total ? ` / ${formatBytes(total)}` : ''}`);
        },
        onOutput: (_stream, text) => {
          live.hidden = false;
          live.textContent = (live.textContent + text).slice(-LIVE_OUTPUT_CHARS);
          live.scrollTop = live.scrollHeight;
        },
      },
    ).done;
  } catch (error) {
    progress.hidden = true;
    live.remove();
    setStatus('failed', `${S('failed')}: ${error instanceof Error ? error.message : String(error)}`);
    const output = (error as { output?: { stdout: string; stderr: string } }).output;
    if (output && (output.stdout || output.stderr)) result.append(el('h4', undefined, S('output')), el('pre', undefined, output.stdout + output.stderr));
    else result.hidden = true;
    return cleanup;
  }
  progress.hidden = true;
  live.remove();
  setStatus('done', `${S('done')} (${(run.durationMs / 1000).toFixed(1)} s)`);

  const box2 = el('div', 'otel-result');
  const facts = el('dl', 'otel-facts');
  const fact = (label: string, value: string) => facts.append(el('dt', undefined, label), el('dd', undefined, value));
  fact(S('exitCode'), String(run.exitCode));
  fact(S('sink'), variant.collector ? S('sink.collector') : S('sink.memory'));
  fact(S('spans'), String(run.spans.length));
  box2.append(facts, el('h4', undefined, S('output')), el('pre', undefined, run.stdout + run.stderr || S('noOutput')));

  box2.append(el('h4', undefined, S('spansTitle')));
  const waterfallHost = el('div', 'otel-waterfall');
  box2.append(waterfallHost);
  const downloads = el('p', 'otel-downloads');
  const download = (label: string, blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    urls.push(url);
    const a = el('a', undefined, `${label} (${formatBytes(blob.size)})`);
    a.href = url;
    a.download = name;
    downloads.append(a);
  };
  const file = `${d.scenario}-${variant.name}`.replace(/[^\w.=+-]/g, '_');
  download(S('downloadSpans'), new Blob([JSON.stringify(run.spans, null, 1)], { type: 'application/json' }), `${file}.spans.json`);
  if (run.trace.byteLength > 0) download(S('download'), new Blob([run.trace as BlobPart], { type: 'application/octet-stream' }), `${file}.trace`);
  box2.append(downloads);
  result.append(box2);

  let selectSpan: (index: number | null) => void = () => {};
  waterfall = mountWaterfall(waterfallHost, run.spans, {
    strings: JSON.parse(d.spanStrings ?? '{}'),
    onSelect: (index) => selectSpan(index),
  });

  if (executionTrace) {
    box2.append(el('h4', undefined, S('traceTitle')));
    const panel = el('div', 'otel-on-trace');
    panel.setAttribute('aria-live', 'polite');
    const viewerHost = el('div', 'otel-viewer');
    box2.append(panel, viewerHost);
    if (run.trace.byteLength <= 16) {
      panel.textContent = S('noTrace');
      return cleanup;
    }
    const viewerStrings: Record<string, string> = JSON.parse(d.viewerStrings ?? '{}');
    panel.textContent = S('traceReading');
    try {
      const [{ analyse, show }, { linkSpans }] = await Promise.all([import('../trace-viewer/load.ts'), import('./span-link.ts')]);
      const model = await analyse(new Blob([run.trace as BlobPart]), { signal: viewerAbort.signal });
      if (viewerAbort.signal.aborted) return cleanup;
      if (model.events === 0) {
        panel.textContent = S('noTrace');
        return cleanup;
      }
      viewer = show(viewerHost, model, {
        strings: viewerStrings,
        lessonBase: d.lessonBase,
        publishedLessons: JSON.parse(d.lessons ?? 'null') ?? undefined,
        height: 360,
      });
      link = linkSpans({ model, spans: run.spans, waterfall, viewer, panel, strings });
      selectSpan = (index) => link?.show(index);
      // A span the reader selected while the trace was being read is shown now.
      const chosen = waterfall.root.dataset.selected;
      if (chosen) link.show(Number(chosen));
    } catch (error) {
      if (viewerAbort.signal.aborted) return cleanup;
      panel.textContent = S('traceFailed', { message: error instanceof Error ? error.message : String(error) });
    }
  }
  return cleanup;
}

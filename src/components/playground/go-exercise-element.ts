/**
 * <go-exercise>: the behaviour behind GoExercise.astro. A dropped or chosen trace.out is named first
 * from its size and first bytes (an empty file, a trace header alone, a file that is no trace:
 * file-kind.ts), then analysed in a Web Worker (the viewer's own analysis, loaded on first use),
 * graded by the exercise's grader (playground/exercises/<id>/grade.ts) and shown in the viewer with its
 * slowest request marked. Every outcome is a message in the box; nothing is uploaded, nothing throws
 * past it.
 */
import { fileKind } from '../trace-viewer/file-kind.ts';
import { formatMessage, pageLang } from '../../site/message.ts';
import type { Grade, Targets } from '../../../playground/exercises/slow-request/grade.ts';
import { isExerciseId } from '../../exercise-grader/exercise-ids.ts';

/** Each Go exercise's grader, loaded when a trace is dropped (playground/exercises/<id>/grade.ts). */
const graders = import.meta.glob<{ gradeTrace: (model: import('../../analysis/model.ts').TraceModel, targets: Targets) => Grade }>(
  '../../../playground/exercises/*/grade.ts',
);

type Strings = Record<string, string>;

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);
const fill = (template: string, values: Record<string, string | number>) => formatMessage(template ?? '', values, pageLang());

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

class GoExerciseElement extends HTMLElement {
  private ac = new AbortController();
  private run: AbortController | null = null;
  private viewer: { destroy(): void } | null = null;

  connectedCallback() {
    const signal = this.ac.signal;
    const input = this.querySelector<HTMLInputElement>('input[type="file"]');
    const zone = this.querySelector<HTMLElement>('.gx-drop');
    if (!input || !zone) return;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.grade(file);
    }, { signal });
    zone.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      zone.dataset.over = '';
    }, { signal });
    zone.addEventListener('dragleave', () => delete zone.dataset.over, { signal });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      delete zone.dataset.over;
      const file = e.dataTransfer?.files?.[0];
      if (file) void this.grade(file);
    }, { signal });
  }

  disconnectedCallback() {
    this.ac.abort();
    this.run?.abort();
    this.viewer?.destroy();
  }

  private json<T>(name: string, fallback: T): T {
    try {
      return JSON.parse(this.getAttribute(`data-${name}`) ?? '') as T;
    } catch {
      return fallback;
    }
  }

  private setStatus(state: string, text: string) {
    const status = this.querySelector<HTMLElement>('.gx-status')!;
    status.dataset.state = state;
    status.textContent = text;
    this.dataset.state = state;
  }

  /** Reads, grades and shows one trace; a newer file cancels an older one. */
  private async grade(file: File) {
    const s = this.json<Strings>('strings', {});
    const open = this.json<Strings>('open-strings', {});
    const results = this.querySelector<HTMLUListElement>('.gx-results')!;
    const host = this.querySelector<HTMLElement>('.gx-viewer')!;
    const note = this.querySelector<HTMLElement>('.gx-viewer-note')!;
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    this.viewer?.destroy();
    this.viewer = null;
    host.replaceChildren();
    results.replaceChildren();
    results.hidden = true;
    note.hidden = true;
    delete this.dataset.grade;
    this.setStatus('reading', fill(s.reading, { name: file.name, size: formatBytes(file.size) }));

    try {
      const kind = fileKind(new Uint8Array(await file.slice(0, 64).arrayBuffer()), file.size);
      if (kind.kind === 'empty') return this.setStatus('failed', fill(open.empty, { name: file.name }));
      if (kind.kind === 'header-only') return this.setStatus('failed', fill(open.headerOnly, { name: file.name, version: kind.version }));
      if (kind.kind === 'not-trace') return this.setStatus('failed', fill(open.notTrace, { name: file.name, looks: open[`looks.${kind.looks}`] ?? '' }));

      const exercise = this.dataset.exercise ?? '';
      const loadGrader = isExerciseId(exercise) ? graders[`../../../playground/exercises/${exercise}/grade.ts`] : undefined;
      if (!loadGrader) throw new Error(`no grader for the exercise ${JSON.stringify(exercise)}`);
      const [{ analyse, show }, { gradeTrace }, { slowRegionHighlight }] = await Promise.all([
        import('../trace-viewer/load.ts'),
        loadGrader(),
        import('../go-scenario/slow-region.ts'),
      ]);
      const model = await analyse(file, { signal: run.signal });
      if (run.signal.aborted) return;
      const targets = this.json<Targets>('targets', { requestP99Ms: 10, mutexWaitMs: 5, minRequests: 200 });
      const grade: Grade = gradeTrace(model, targets);
      this.dataset.grade = grade.kind;
      if (grade.kind === 'unreadable') return this.setStatus('failed', fill(s.unreadable, { name: file.name, ...grade.facts }));
      if (grade.kind === 'not-exercise') return this.setStatus('failed', fill(s.notExercise, { name: file.name, ...grade.facts }));

      for (const c of grade.checks) {
        const li = el('li');
        li.dataset.check = c.id;
        li.dataset.pass = String(c.pass);
        const head = el('strong', `${c.pass ? '✓' : '✗'} ${fill(s[`check.${c.id}.label`], c.facts)}`);
        const verdict = el('span', ` (${c.pass ? s.pass : s.fail})`);
        li.append(head, verdict);
        for (const line of this.describe(s, c.id, c.facts)) li.append(el('p', line));
        results.append(li);
      }
      results.hidden = false;
      const passed = grade.checks.filter((c) => c.pass).length;
      const total = grade.checks.length;
      this.setStatus(passed === total ? 'passed' : 'failed', fill(passed === total ? s.allPass : s.somePass, { name: file.name, passed, total }));

      if (model.events > 0) {
        const highlight = slowRegionHighlight(model, { region: 'request', thresholdNs: targets.requestP99Ms * 1e6 }, { slowRegion: s.slowRegion, slowestRegion: s.slowestRegion });
        note.hidden = false;
        this.viewer = show(host, model, {
          strings: this.json<Strings>('viewer-strings', {}),
          lessonBase: this.dataset.lessonBase,
          publishedLessons: this.json<string[] | undefined>('lessons', undefined),
          highlight,
        });
      }
    } catch (error) {
      if (run.signal.aborted || (error as Error)?.name === 'AbortError') return;
      this.setStatus('failed', fill(s.failed, { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      if (this.run === run) this.run = null;
    }
  }

  /** What a check measured and where to look, as sentences from the page's strings. */
  private describe(s: Strings, id: string, facts: Record<string, string | number>): string[] {
    const f = { ...facts, cause: s[`cause.${facts.cause}`] ?? facts.cause ?? '' };
    switch (id) {
      case 'complete':
        return [fill(s[`check.complete.${facts.problem}`], f)];
      case 'mutex':
        return Number(facts.n) === 0 ? [fill(s['check.mutex.none'], f)] : [fill(s['check.mutex.measured'], f), fill(s['check.mutex.where'], f)];
      case 'tasks':
        return facts.goroutine ? [fill(s['check.tasks.measured'], f), fill(s['check.tasks.where'], f)] : [fill(s['check.tasks.measured'], f)];
      default:
        return facts.goroutine ? [fill(s[`check.${id}.measured`], f), fill(s[`check.${id}.where`], f)] : [fill(s[`check.${id}.measured`], f)];
    }
  }
}

export function defineGoExercise() {
  if (!customElements.get('go-exercise')) customElements.define('go-exercise', GoExerciseElement);
}

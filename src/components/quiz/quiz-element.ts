/**
 * <quiz-box>: the behaviour behind Quiz.astro.
 *
 * Check grades every open question that has an answer and explains it; Retry reopens only the wrong
 * ones; Show answers reveals what is right. The checklist saves on every tick. Progress lives in
 * localStorage (src/quiz/progress.ts), keyed by lesson and checked against the quiz's content hash;
 * saved progress it cannot use is kept aside and offered for download (src/storage/notice.ts).
 * A predict-the-trace question imports ./predict.ts (the trace, the analysis worker, the probes) only
 * when it is checked or revealed. All text comes from the page (data-strings and the rendered markup):
 * nothing here writes HTML.
 */
import { checklistStatus, correctPredictOptions, grade, type Response } from '../../quiz/grade.ts';
import { readQuiz, writeQuiz, type StoredAnswer, type StoredQuiz } from '../../quiz/progress.ts';
import { keptNotice, type StorageStrings } from '../../storage/notice.ts';
import type { ProbeValue } from '../../quiz/probes.ts';
import type { QuestionSpec, QuizSpec } from '../../quiz/view.ts';
import { formatMessage, pageLang } from '../../site/message.ts';

type Strings = Record<string, string>;
type State = 'open' | 'right' | 'wrong' | 'shown' | 'loading' | 'error';
type GradedSpec = Exclude<QuestionSpec, { type: 'checklist' }>;

const fill = (template: string, values: Record<string, string | number>) => formatMessage(template, values, pageLang());

function displayValue(v: ProbeValue): string {
  return typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
}

class QuizElement extends HTMLElement {
  private spec!: QuizSpec;
  private strings: Strings = {};
  private record!: StoredQuiz;
  private busy = false;

  connectedCallback() {
    try {
      this.spec = JSON.parse(this.dataset.spec ?? '');
      this.strings = JSON.parse(this.dataset.strings ?? '{}');
    } catch {
      return; // Without its data the quiz stays as static markup.
    }
    let totals = { questions: 0, checklist: 0 };
    try {
      totals = JSON.parse(this.dataset.totals ?? '');
    } catch {
      // Totals only feed the progress page; zero is harmless.
    }
    const loaded = readQuiz(this.spec.id, this.spec.hash, totals);
    this.record = loaded.record;
    this.writable = loaded.writable;
    const notice = keptNotice(loaded.kept, this.strings.what, JSON.parse(this.dataset.storageStrings ?? '{}') as StorageStrings, () => {
      this.writable = true;
    });
    if (notice) this.prepend(notice);

    this.setupChecklist();
    for (const q of this.questionSpecs()) {
      const stored = this.record.answers[q.id];
      if (stored) this.restore(q, stored);
    }
    this.updateButtons();

    const form = this.querySelector('form');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.check();
    });
    this.querySelector('[data-action="retry"]')?.addEventListener('click', () => this.retry());
    this.querySelector('[data-action="show"]')?.addEventListener('click', () => void this.showAnswers());
  }

  // -------------------------------------------------------------------------------------------------
  // Checklist

  private setupChecklist() {
    const c = this.spec.questions.find((q) => q.type === 'checklist');
    if (!c || c.type !== 'checklist') return;
    const box = this.querySelector<HTMLFieldSetElement>(`fieldset[data-qid="${CSS.escape(c.id)}"]`);
    if (!box) return;
    const inputs = [...box.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const checked = new Set(this.record.checklist);
    for (const input of inputs) input.checked = checked.has(input.value);
    const status = box.querySelector<HTMLElement>('[data-role="checklist-status"]');
    const show = (announce: boolean) => {
      const { done, total } = checklistStatus(c.items, this.record.checklist);
      const text = done === total ? this.strings.checklistDone : fill(this.strings.checklistStatus, { done, total });
      if (status && (announce || done > 0)) status.textContent = fill(text, { done, total });
    };
    show(false);
    box.addEventListener('change', () => {
      this.record.checklist = inputs.filter((i) => i.checked).map((i) => i.value);
      this.save();
      show(true);
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Questions

  private questionSpecs(): GradedSpec[] {
    return this.spec.questions.filter((q): q is GradedSpec => q.type !== 'checklist');
  }

  private box(id: string): HTMLFieldSetElement | null {
    return this.querySelector<HTMLFieldSetElement>(`fieldset.quiz__question[data-qid="${CSS.escape(id)}"]`);
  }

  private state(id: string): State {
    return (this.box(id)?.dataset.state as State | undefined) ?? 'open';
  }

  private setState(box: HTMLFieldSetElement, state: State, feedback: string) {
    box.dataset.state = state;
    box.querySelector<HTMLElement>('[data-role="feedback"]')!.textContent = feedback;
  }

  private inputs(box: HTMLFieldSetElement): HTMLInputElement[] {
    return [...box.querySelectorAll<HTMLInputElement>('input')];
  }

  /** What the reader answered, or null when nothing is chosen or typed. */
  private response(q: GradedSpec, box: HTMLFieldSetElement): Response | null {
    if (q.type === 'predict-trace' && q.kind === 'number') {
      const input = box.querySelector<HTMLInputElement>('input[type="number"]');
      const raw = input?.value.trim() ?? '';
      const n = raw === '' ? NaN : Number(raw.replace(',', '.'));
      return Number.isFinite(n) ? { number: n } : null;
    }
    const choices = this.inputs(box).filter((i) => i.checked).map((i) => Number(i.value));
    return choices.length > 0 ? { choices } : null;
  }

  private lock(box: HTMLFieldSetElement, locked: boolean) {
    for (const input of this.inputs(box)) input.disabled = locked;
  }

  /** Marks options and shows explanations. `reveal` shows every option's explanation and the right ones. */
  private render(q: GradedSpec, box: HTMLFieldSetElement, answer: StoredAnswer, reveal: boolean) {
    const value = answer.value;
    for (const slot of box.querySelectorAll<HTMLElement>('[data-role="answer"]')) {
      if (value !== undefined) slot.textContent = displayValue(value);
    }
    const explains = [...box.querySelectorAll<HTMLElement>('[data-role="explain"]')];
    if (q.type === 'predict-trace' && q.kind === 'number') {
      const input = box.querySelector<HTMLInputElement>('input[type="number"]');
      if (input && answer.number !== undefined) input.value = String(answer.number);
      // A wrong number is explained too: the explanation says how the answer is computed from the trace.
      for (const e of explains) e.hidden = !(answer.ok || reveal || answer.number !== undefined);
      return;
    }
    const correct = new Set(
      q.type !== 'predict-trace' ? q.correct : q.kind === 'choice' && value !== undefined ? correctPredictOptions(q.options, value) : [],
    );
    const chosen = new Set(answer.choices ?? []);
    for (const li of box.querySelectorAll<HTMLElement>('.quiz__option')) {
      const i = Number(li.dataset.option);
      const input = li.querySelector('input');
      if (input) input.checked = chosen.has(i);
      const mark = li.querySelector<HTMLElement>('[data-role="mark"]')!;
      const explain = li.querySelector<HTMLElement>('[data-role="explain"]')!;
      let kind = '';
      if (chosen.has(i)) kind = correct.has(i) ? 'right' : 'wrong';
      else if ((reveal || answer.ok) && correct.has(i)) kind = 'answer';
      li.dataset.mark = kind;
      mark.textContent = kind === 'right' ? this.strings.markRight : kind === 'wrong' ? this.strings.markWrong : kind === 'answer' ? this.strings.markAnswer : '';
      explain.hidden = !(reveal || answer.ok || chosen.has(i));
    }
  }

  private clear(box: HTMLFieldSetElement) {
    for (const input of this.inputs(box)) {
      input.checked = false;
      if (input.type === 'number') input.value = '';
    }
    for (const li of box.querySelectorAll<HTMLElement>('.quiz__option')) {
      li.dataset.mark = '';
      li.querySelector<HTMLElement>('[data-role="mark"]')!.textContent = '';
    }
    for (const e of box.querySelectorAll<HTMLElement>('[data-role="explain"]')) e.hidden = true;
  }

  private restore(q: GradedSpec, answer: StoredAnswer) {
    const box = this.box(q.id);
    if (!box) return;
    const state: State = answer.ok ? 'right' : answer.shown ? 'shown' : 'wrong';
    this.render(q, box, answer, state === 'shown');
    this.lock(box, true);
    this.setState(box, state, this.strings[state]);
  }

  /** The probe's result for a predict-the-trace question: loads the trace and the analysis on first use. */
  private async probe(q: Extract<QuestionSpec, { type: 'predict-trace' }>): Promise<ProbeValue> {
    const { probeTrace } = await import('./predict.ts');
    return probeTrace(this.dataset.base ?? '/', q.trace, q.probe);
  }

  private async check() {
    if (this.busy) return;
    this.busy = true;
    this.updateButtons();
    const summary = this.querySelector<HTMLElement>('[data-role="summary"]')!;
    try {
      for (const q of this.questionSpecs()) {
        const box = this.box(q.id);
        if (!box || (this.state(q.id) !== 'open' && this.state(q.id) !== 'error')) continue;
        const response = this.response(q, box);
        if (!response) {
          this.setState(box, 'open', this.strings.unanswered);
          continue;
        }
        let value: ProbeValue | undefined;
        if (q.type === 'predict-trace') {
          this.lock(box, true);
          this.setState(box, 'loading', fill(this.strings.reading, { trace: q.trace }));
          summary.textContent = fill(this.strings.reading, { trace: q.trace });
          try {
            value = await this.probe(q);
          } catch (error) {
            this.lock(box, false);
            this.setState(box, 'error', fill(this.strings.readFailed, { message: error instanceof Error ? error.message : String(error) }));
            continue;
          }
        }
        const ok = grade(q, response, value);
        const answer: StoredAnswer = { ok, ...response, ...(value === undefined ? {} : { value }) };
        this.record.answers[q.id] = answer;
        this.render(q, box, answer, false);
        this.lock(box, true);
        this.setState(box, ok ? 'right' : 'wrong', this.strings[ok ? 'right' : 'wrong']);
      }
      this.save();
      this.summarise();
    } finally {
      this.busy = false;
      this.updateButtons();
      this.keepFocus();
    }
  }

  /** When the button that had focus was hidden, focus goes to the next useful control, not the page. */
  private keepFocus() {
    const active = document.activeElement;
    if (active instanceof HTMLElement && this.contains(active) && !active.hidden) return;
    if (active && active !== document.body && !this.contains(active)) return;
    const next = ['retry', 'show', 'check']
      .map((a) => this.querySelector<HTMLButtonElement>(`[data-action="${a}"]`))
      .find((b) => b && !b.hidden);
    if (next) next.focus();
    else {
      const summary = this.querySelector<HTMLElement>('[data-role="summary"]');
      summary?.setAttribute('tabindex', '-1');
      summary?.focus();
    }
  }

  private retry() {
    let first: HTMLInputElement | undefined;
    for (const q of this.questionSpecs()) {
      const box = this.box(q.id);
      if (!box || this.state(q.id) !== 'wrong') continue;
      delete this.record.answers[q.id];
      this.clear(box);
      this.lock(box, false);
      this.setState(box, 'open', '');
      first ??= this.inputs(box)[0];
    }
    this.save();
    this.querySelector<HTMLElement>('[data-role="summary"]')!.textContent = '';
    this.updateButtons();
    first?.focus();
  }

  private async showAnswers() {
    if (this.busy) return;
    this.busy = true;
    this.updateButtons();
    try {
      for (const q of this.questionSpecs()) {
        const box = this.box(q.id);
        if (!box || this.state(q.id) === 'right' || this.state(q.id) === 'shown') continue;
        const previous = this.record.answers[q.id];
        const answer: StoredAnswer = { ok: false, shown: true, ...(previous?.choices ? { choices: previous.choices } : {}), ...(previous?.number !== undefined ? { number: previous.number } : {}) };
        if (q.type === 'predict-trace') {
          this.lock(box, true);
          this.setState(box, 'loading', fill(this.strings.reading, { trace: q.trace }));
          try {
            answer.value = await this.probe(q);
          } catch (error) {
            this.lock(box, false);
            this.setState(box, 'error', fill(this.strings.readFailed, { message: error instanceof Error ? error.message : String(error) }));
            continue;
          }
        }
        this.record.answers[q.id] = answer;
        this.render(q, box, answer, true);
        this.lock(box, true);
        this.setState(box, 'shown', this.strings.shown);
      }
      this.save();
      this.summarise();
    } finally {
      this.busy = false;
      this.updateButtons();
      this.keepFocus();
    }
  }

  private summarise() {
    const summary = this.querySelector<HTMLElement>('[data-role="summary"]');
    if (!summary) return;
    const qs = this.questionSpecs();
    const correct = qs.filter((q) => this.state(q.id) === 'right').length;
    const wrong = qs.filter((q) => this.state(q.id) === 'wrong').length;
    let text = fill(this.strings.score, { correct, total: qs.length });
    if (correct === qs.length) text = this.strings.allRight;
    else if (wrong > 0) text += ` ${this.strings.retryHint}`;
    if (!this.saved) text += ` ${this.strings.notSaved}`;
    summary.textContent = text;
  }

  private updateButtons() {
    const qs = this.questionSpecs();
    const states = qs.map((q) => this.state(q.id));
    const retry = this.querySelector<HTMLButtonElement>('[data-action="retry"]');
    const show = this.querySelector<HTMLButtonElement>('[data-action="show"]');
    const check = this.querySelector<HTMLButtonElement>('[data-action="check"]');
    if (retry) {
      retry.hidden = !states.includes('wrong');
      retry.disabled = this.busy;
    }
    if (show) {
      show.hidden = states.every((s) => s === 'right' || s === 'shown');
      show.disabled = this.busy;
    }
    if (check) {
      check.hidden = !states.some((s) => s === 'open' || s === 'error');
      check.disabled = this.busy;
    }
  }

  private saved = true;
  /** False while progress this page could not read still sits under the quiz's key (see readQuiz). */
  private writable = true;

  private save() {
    this.saved = this.writable && writeQuiz(this.record);
  }
}

export function defineQuiz() {
  if (!customElements.get('quiz-box')) customElements.define('quiz-box', QuizElement);
}

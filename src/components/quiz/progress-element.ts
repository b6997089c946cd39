/**
 * <quiz-progress>: fills the progress table (QuizProgress.astro) from this browser's stored quiz
 * progress, and erases it on request after a confirmation. Numbers only; every word is in the markup.
 */
import { quizProgress, resetProgress, type Counts, type QuizIndex } from '../../quiz/progress.ts';

class QuizProgressElement extends HTMLElement {
  private index: QuizIndex = { chapters: [] };
  private readonly refresh = () => this.render();

  connectedCallback() {
    try {
      this.index = JSON.parse(this.dataset.index ?? '');
    } catch {
      return;
    }
    this.render();
    window.addEventListener('storage', this.refresh);
    window.addEventListener('quiz:progress', this.refresh);

    const reset = this.querySelector<HTMLButtonElement>('[data-action="reset"]')!;
    const confirm = this.querySelector<HTMLElement>('[data-role="confirm"]')!;
    const status = this.querySelector<HTMLElement>('[data-role="status"]')!;
    reset.addEventListener('click', () => {
      confirm.hidden = false;
      reset.hidden = true;
      status.textContent = '';
      this.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.focus();
    });
    const close = () => {
      confirm.hidden = true;
      reset.hidden = false;
      reset.focus();
    };
    this.querySelector('[data-action="cancel"]')!.addEventListener('click', close);
    this.querySelector('[data-action="confirm"]')!.addEventListener('click', () => {
      resetProgress();
      close();
      status.textContent = status.dataset.done ?? '';
      this.render();
    });
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.refresh);
    window.removeEventListener('quiz:progress', this.refresh);
  }

  private fill(row: Element | null, c: Counts) {
    if (!row) return;
    const set = (cell: string, text: string) => {
      const el = row.querySelector(`[data-cell="${cell}"]`);
      if (el) el.textContent = text;
    };
    set('answered', `${c.answered} / ${c.questions}`);
    set('correct', `${c.correct} / ${c.questions}`);
    set('checklist', c.checklistItems > 0 ? `${c.checklistDone} / ${c.checklistItems}` : '—');
    set('checklists', `${c.checklistsDone} / ${c.checklists}`);
  }

  private render() {
    const p = quizProgress(this.index);
    for (const [slug, c] of Object.entries(p.lessons)) this.fill(this.querySelector(`tr[data-lesson="${CSS.escape(slug)}"]`), c);
    for (const [id, c] of Object.entries(p.chapters)) this.fill(this.querySelector(`tr[data-total="${CSS.escape(id)}"]`), c);
    this.fill(this.querySelector('[data-overall]'), p.overall);
  }
}

export function defineQuizProgress() {
  if (!customElements.get('quiz-progress')) customElements.define('quiz-progress', QuizProgressElement);
}

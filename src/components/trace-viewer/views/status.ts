/** Waiting for the shared analyses in a view: a busy note, then the view, or the error. */
import { el } from '../dom.ts';
import type { GoViewData } from '../go-data.ts';
import type { ViewContext } from './context.ts';

export function awaitData(body: HTMLElement, ctx: ViewContext, render: (data: GoViewData) => void) {
  const note = el('p', 'tv-view-status', ctx.S('analysingShort'));
  body.replaceChildren(note);
  body.setAttribute('aria-busy', 'true');
  const fail = (error: unknown) => {
    if (ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    note.dataset.state = 'failed';
    note.textContent = ctx.S('analysisFailed', { message: error instanceof Error ? error.message : String(error) });
    body.replaceChildren(note);
  };
  ctx.data().then((data) => {
    if (ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    body.replaceChildren();
    const t0 = performance.now();
    render(data);
    // For the bench: the view's own time, the analyses apart.
    body.dataset.renderMs = String(Math.round(performance.now() - t0));
    body.dataset.ready = 'true';
  }).catch(fail);
}

/**
 * Asking before a step that loses something (clearing answers, replacing them, replacing code): a
 * small box placed after the control that asked, saying what will be lost, with the safe choice
 * focused. Escape or the safe button answers no. One question at a time per place.
 */
export interface ConfirmText {
  text: string;
  yes: string;
  no: string;
}

/** Asks; `place` is the element the box follows (the trigger's row, say), the trigger by default. */
export function confirmInline(trigger: HTMLElement, { text, yes, no }: ConfirmText, place: Element = trigger): Promise<boolean> {
  place.parentElement?.querySelector(':scope > .fg-confirm')?.dispatchEvent(new Event('cancel'));
  return new Promise((resolve) => {
    const box = document.createElement('div');
    box.className = 'fg-confirm';
    box.setAttribute('role', 'group');
    const p = document.createElement('p');
    p.textContent = text;
    const id = `fg-confirm-${Math.random().toString(36).slice(2)}`;
    p.id = id;
    box.setAttribute('aria-labelledby', id);
    const yesButton = document.createElement('button');
    yesButton.type = 'button';
    yesButton.dataset.action = 'confirm-yes';
    yesButton.textContent = yes;
    const noButton = document.createElement('button');
    noButton.type = 'button';
    noButton.dataset.action = 'confirm-no';
    noButton.textContent = no;
    const row = document.createElement('p');
    row.className = 'fg-confirm__buttons';
    row.append(yesButton, noButton);
    box.append(p, row);
    const done = (answer: boolean) => {
      box.remove();
      trigger.focus();
      resolve(answer);
    };
    yesButton.addEventListener('click', () => done(true));
    noButton.addEventListener('click', () => done(false));
    box.addEventListener('cancel', () => done(false));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        done(false);
      }
    });
    place.after(box);
    noButton.focus();
  });
}

/**
 * The little markup quiz texts may hold: `code` spans, and in predict-the-trace explanations the
 * placeholder {answer} (the probe's result, filled in by the page's script). Split into parts that a
 * component renders as elements, so no quiz text ever goes through innerHTML.
 */
export interface InlinePart {
  kind: 'text' | 'code' | 'answer';
  text: string;
}

export function inlineParts(source: string): InlinePart[] {
  const parts: InlinePart[] = [];
  source.split('`').forEach((chunk, i) => {
    if (chunk === '') return;
    // An odd chunk is inside backticks (an unpaired final backtick leaves text as it is).
    if (i % 2 === 1) {
      parts.push({ kind: 'code', text: chunk });
      return;
    }
    chunk.split(/(\{answer\})/).forEach((piece) => {
      if (piece === '{answer}') parts.push({ kind: 'answer', text: '' });
      else if (piece !== '') parts.push({ kind: 'text', text: piece });
    });
  });
  return parts;
}

/** The text without markup (for attributes such as aria-label). */
export function plainText(source: string): string {
  return source.replaceAll('`', '');
}

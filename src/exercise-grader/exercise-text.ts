/** The text of an exercise (content/exercises/<id>.yaml), in every language of the site. */
import { z } from 'astro/zod';

const localized = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();

export const exerciseTextSchema = z
  .object({
    title: localized,
    /** One sentence, for lists of exercises. */
    summary: localized,
    /** Paragraphs separated by blank lines; `code` in backticks. Plain text otherwise. */
    task: localized,
    hints: z.array(localized).default([]),
  })
  .strict();

export type ExerciseText = z.infer<typeof exerciseTextSchema>;
export type Lang = keyof z.infer<typeof localized>;

/** Text with `code` spans, split for rendering as text nodes (never as HTML). */
export function codeSpans(text: string): { code: boolean; text: string }[] {
  return text.split(/(`[^`\n]+`)/).filter(Boolean).map((part) =>
    part.startsWith('`') && part.endsWith('`') && part.length > 2 ? { code: true, text: part.slice(1, -1) } : { code: false, text: part },
  );
}

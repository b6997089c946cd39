/**
 * The quiz index: every quiz of the build in outline order, with its content hash and the ids of its
 * questions and checklist items. Built at build time (QuizProgress.astro renders it into the page) and
 * read by src/quiz/progress.ts to count progress per lesson, per chapter and overall.
 */
import type { Outline } from '../site/outline.ts';
import { quizHash } from './hash.ts';
import type { QuizIndex } from './progress.ts';
import type { Lang, Quiz } from './schema.ts';
import { quizTotals } from './view.ts';

export function buildQuizIndex(outline: Outline, quizzes: ReadonlyMap<string, Quiz>, lang: Lang, titleOf: (slug: string) => string): QuizIndex {
  return {
    chapters: outline.chapters
      .map((chapter) => ({
        id: chapter.id,
        label: chapter.label[lang] ?? chapter.label.en,
        lessons: chapter.lessons.flatMap((slug) => {
          const quiz = quizzes.get(slug);
          if (!quiz) return [];
          const { questions, checklist } = quizTotals(quiz);
          return [{ slug, title: titleOf(slug), hash: quizHash(quiz), questions, checklist }];
        }),
      }))
      .filter((c) => c.lessons.length > 0),
  };
}

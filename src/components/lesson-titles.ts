/**
 * Lessons named the way readers know them: by their title in the page's language (falling back to
 * the English title, then the slug), never by their path. For Astro components, at build time.
 */
import { getCollection } from 'astro:content';

export async function lessonTitles(lang: 'en' | 'zh-CN'): Promise<(slug: string) => string> {
  const titles = new Map((await getCollection('docs')).map((d) => [d.id, d.data.title]));
  return (slug) => (lang === 'zh-CN' ? titles.get(`zh-cn/${slug}`) : undefined) ?? titles.get(slug) ?? slug;
}

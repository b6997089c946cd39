/**
 * Chinese pages speak Chinese: the site's chrome (header, sidebar, pagination, code-block buttons),
 * every label, title and placeholder, and the search dialog, on every page under zh-cn/. Lesson text
 * and code keep their English technical terms; this looks only at the interface.
 */
import { expect, test } from '@playwright/test';
import { publishedPages } from './site.ts';

// Words that are the same in both languages: names, not sentences.
const ALLOWED = /^(English|Go|GC|STW|Ctrl|K|trace|goroutine|TLS|CPU|JSON|Markdown|P\d*|G\d+|[\d\s.,:%×+−-]+)$/;
const english = (text: string) => /[A-Za-z]{3,}/.test(text) && !/[\u4e00-\u9fff]/.test(text) && !ALLOWED.test(text.trim());

for (const path of publishedPages().filter((p) => p.startsWith('zh-cn/') && p !== 'zh-cn/404/')) {
  test(`/${path} has no English interface text`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const found = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (el.closest('svg, code, pre, .expressive-code figure pre')) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(attr);
          if (v) out.push(`${el.tagName.toLowerCase()}@${attr}: ${v}`);
        }
      }
      // Interface text: the header, the sidebar, pagination, and the guide's widgets' buttons and labels.
      for (const el of document.querySelectorAll('header *, #starlight__sidebar *, .pagination-links *, button, label, summary, legend, .not-content th')) {
        if (el.closest('code, pre, svg, select, script, style, template')) continue;
        for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) out.push(`${el.tagName.toLowerCase()}: ${n.textContent!.trim()}`);
      }
      return out;
    });
    expect(found.filter((s) => english(s.slice(s.indexOf(': ') + 2)))).toEqual([]);
  });
}

test('the search dialog speaks Chinese on a Chinese page', async ({ page }) => {
  await page.goto('zh-cn/principles/how-the-tracer-works/');
  await page.locator('site-search button[data-open-modal]').first().click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('input[type="search"], .pagefind-ui__search-input').first().fill('跟踪');
  await expect(dialog.locator('.pagefind-ui__message')).toContainText(/找到 \d+ 个 跟踪 的相关结果/);
  await expect(dialog.locator('.pagefind-ui__search-clear')).toHaveText('清除');
  await expect(dialog.locator('.pagefind-ui__search-input')).toHaveAttribute('placeholder', '搜索');
});

test("a Chinese lesson's code blocks are copied with a Chinese button", async ({ page }) => {
  await page.goto('zh-cn/principles/capturing-and-opening/');
  await expect(page.locator('.expressive-code .copy button').first()).toHaveAttribute('title', '复制到剪贴板');
});

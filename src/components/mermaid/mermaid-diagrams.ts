/**
 * Draws every <pre class="mermaid"> on the page (see src/plugins/remark-mermaid.ts) as inline SVG,
 * in colours that follow Starlight's light/dark theme, and redraws when the reader switches theme.
 */
import mermaid from 'mermaid';

type Theme = 'dark' | 'default';

const currentTheme = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'default');

let sequence = 0;

async function draw(theme: Theme) {
  mermaid.initialize({
    startOnLoad: false,
    theme,
    securityLevel: 'strict',
    fontFamily: 'var(--sl-font, system-ui, sans-serif)',
  });
  const blocks = document.querySelectorAll<HTMLElement>('pre.mermaid');
  for (const block of blocks) {
    // The source is kept on the element so that a theme change can redraw from it.
    const source = (block.dataset.source ??= block.textContent ?? '');
    try {
      const { svg } = await mermaid.render(`mermaid-${++sequence}`, source);
      block.innerHTML = svg;
      block.dataset.rendered = theme;
    } catch (error) {
      block.textContent = source;
      block.dataset.rendered = 'error';
      console.warn('mermaid: could not draw a diagram', error);
    }
  }
}

export async function renderDiagrams() {
  let theme = currentTheme();
  await draw(theme);
  new MutationObserver(() => {
    const next = currentTheme();
    if (next !== theme) {
      theme = next;
      void draw(theme);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

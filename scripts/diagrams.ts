// The lessons' diagrams, drawn ahead of time: `npm run diagrams` (Node 24, through npm run).
//
//   npm run diagrams              draw every mermaid fence in content/ that has no current drawing,
//                                 and delete drawings no fence uses any more
//   npm run diagrams -- --check   only report missing and unused drawings (exit 1 if any); no browser
//   npm run diagrams -- --force   redraw every fence
//
// Each fence is drawn by the real mermaid (node_modules/mermaid/dist/mermaid.min.js) in Debian's
// chromium through Playwright, once per theme, because mermaid measures text in a DOM; the page that
// draws loads nothing from anywhere (every request is refused). The drawings go to
// content/diagrams/<key>-<light|dark>.svg (src/diagrams/drawing.ts says what the key covers); commit them.
// Chinese labels need a CJK font on the drawing machine: apt-get install fonts-noto-cjk.
import { existsSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { MERMAID_CONFIG, MERMAID_THEME, THEMES, drawingFile, drawingId, drawingsDir, finishSvg, mermaidBundle, mermaidVersion, outsideReferences, readDrawings } from '../src/diagrams/drawing.ts';
import { allFences, type Fence } from '../src/diagrams/fences.ts';

const root = new URL('../', import.meta.url);
const args = new Set(process.argv.slice(2));
const fences = allFences(root);
const keys = new Set(fences.map((f) => f.key));
const dir = drawingsDir(root);
mkdirSync(dir, { recursive: true });
const unused = readdirSync(dir).filter((name) => name.endsWith('.svg') && !keys.has(name.replace(/-(light|dark)\.svg$/, '')));
const todo = [...new Map(fences.filter((f) => args.has('--force') || !readDrawings(root, f.key)).map((f) => [f.key, f])).values()];
const where = (f: Fence) => `${f.file}:${f.line} (${f.source.split('\n')[0].trim()})`;

if (args.has('--check')) {
  for (const f of todo) console.log(`no current drawing: ${where(f)}`);
  for (const name of unused) console.log(`unused drawing: content/diagrams/${name}`);
  console.log(`${fences.length} diagrams in content/, ${keys.size} distinct; ${todo.length} to draw, ${unused.length} unused.`);
  process.exit(todo.length || unused.length ? 1 : 0);
}

for (const name of unused) unlinkSync(new URL(name, dir));
const failed: string[] = [];
if (todo.length > 0) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: mermaidBundle() });
    for (const f of todo) {
      const drawn: [URL, string][] = [];
      for (const theme of THEMES) {
        const id = drawingId(f.key, theme);
        const result = await page.evaluate(
          async ({ source, id, config }) => {
            const mermaid = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
            mermaid.initialize(config);
            try {
              return { svg: (await mermaid.render(id, source)).svg };
            } catch (error) {
              return { error: error instanceof Error ? error.message : String(error) };
            }
          },
          { source: f.source, id, config: { ...MERMAID_CONFIG, theme: MERMAID_THEME[theme] } },
        );
        if ('error' in result) {
          failed.push(`${where(f)}: mermaid could not draw it: ${result.error}`);
          break;
        }
        const svg = finishSvg(result.svg!, id);
        const outside = outsideReferences(svg);
        if (outside.length) {
          failed.push(`${where(f)}: the ${theme} drawing refers outside itself: ${outside.join(', ')}`);
          break;
        }
        drawn.push([drawingFile(root, f.key, theme), svg + '\n']);
      }
      // Both themes or neither: a fence is either drawn or reported.
      if (drawn.length !== THEMES.length) continue;
      for (const [file, svg] of drawn) writeFileSync(file, svg);
      console.log(`drew ${where(f)}`);
    }
  } finally {
    await browser.close();
  }
}
for (const message of failed) console.error(message);
const missing = fences.filter((f) => !existsSync(drawingFile(root, f.key, 'light')) || !existsSync(drawingFile(root, f.key, 'dark')));
console.log(`${fences.length} diagrams (${keys.size} distinct) in content/, mermaid ${mermaidVersion}: ${todo.length} drawn, ${unused.length} unused drawings removed${missing.length ? `, ${missing.length} still missing` : ''}; in ${fileURLToPath(dir)}`);
process.exit(failed.length ? 1 : 0);

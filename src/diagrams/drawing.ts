/**
 * The lessons' diagrams are drawn ahead of time (`npm run diagrams`, scripts/diagrams.ts) and committed
 * as SVG in content/diagrams/, one drawing per theme, named by a key: a hash of the fence's text, the
 * mermaid version and everything below that shapes the drawing. The build (src/plugins/remark-mermaid.ts)
 * only looks drawings up by key, so it needs no browser; a fence whose text changed has a new key and no
 * drawing until `npm run diagrams` runs again, which the build and tests/site/diagrams.test.ts report.
 *
 * No DOM and no browser here: this module is read by the build, the render script and the tests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Mermaid's theme for each of the site's themes. */
export const MERMAID_THEME: Record<Theme, string> = { light: 'default', dark: 'dark' };

/**
 * The font mermaid measures labels with. DejaVu Sans (Debian's default) is wider than the fonts readers'
 * systems give the page, so boxes sized for it have room to spare when the page's own font (set on the
 * drawing by finishSvg) is used at view time; Noto Sans CJK SC (fonts-noto-cjk) measures Chinese.
 */
export const MEASURE_FONT = '"DejaVu Sans", "Noto Sans CJK SC", sans-serif';

/** Mermaid settings for every drawing (besides the theme). 16 px text: never below the page's small text. */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  fontFamily: MEASURE_FONT,
  themeVariables: { fontSize: '16px' },
  sequence: { actorFontSize: 16, messageFontSize: 16, noteFontSize: 16 },
} as const;

/** Bump when finishSvg changes what it writes: every key changes, so every drawing is redrawn. */
export const DRAWING_FORMAT = 1;

/** The smallest text a drawing may carry, in CSS px (Starlight's --sl-text-sm, 0.875rem). */
export const MIN_FONT_PX = 14;

const require = createRequire(import.meta.url);
export const mermaidVersion: string = require('mermaid/package.json').version;
export const mermaidBundle = (): string => require.resolve('mermaid/dist/mermaid.min.js');

/** The text of a fence as the key sees it: line endings and trailing blanks do not matter. */
export function normaliseSource(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/** The key of a fence's drawings. */
export function diagramKey(source: string, version = mermaidVersion): string {
  const input = JSON.stringify({ format: DRAWING_FORMAT, mermaid: version, config: MERMAID_CONFIG, themes: MERMAID_THEME, source: normaliseSource(source) });
  return createHash('sha256').update(input).digest('hex').slice(0, 16);
}

export const drawingsDir = (root: URL) => new URL('content/diagrams/', root);
export const drawingFile = (root: URL, key: string, theme: Theme) => new URL(`${key}-${theme}.svg`, drawingsDir(root));
/** The id every element id inside a drawing starts with (mermaid scopes its CSS and markers by it). */
export const drawingId = (key: string, theme: Theme) => `fg-diagram-${key}-${theme}`;

/** Both drawings of a key, or undefined when either is missing. */
export function readDrawings(root: URL, key: string): Record<Theme, string> | undefined {
  const files = THEMES.map((t) => drawingFile(root, key, t));
  if (!files.every((f) => existsSync(f))) return undefined;
  return { light: readFileSync(files[0], 'utf8'), dark: readFileSync(files[1], 'utf8') };
}

const MEASURE_FONT_IN_SVG = /(["']|&quot;)DejaVu Sans\1,\s*(["']|&quot;)Noto Sans CJK SC\2,\s*sans-serif/g;

/**
 * Mermaid's SVG made into a drawing for the page: drawn at its own size (mermaid scales it to the
 * column, which shrank wide diagrams' text to a few pixels; the page scrolls a wide one instead), in
 * the page's font, with labels that may overflow their box rather than be clipped, and hidden from
 * assistive technology (the figure offers the diagram's text instead).
 */
export function finishSvg(svg: string, id: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('mermaid returned no <svg> element');
  const viewBox = /\bviewBox="([^"]+)"/.exec(open[0])?.[1].trim().split(/[\s,]+/).map(Number);
  if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n))) throw new Error('mermaid returned an <svg> without a viewBox');
  const [, , w, h] = viewBox;
  const tag = open[0]
    .replace(/\s(?:width|height|style|role|aria-roledescription|aria-labelledby|aria-describedby)="[^"]*"/g, '')
    .replace(/>$/, ` width="${Math.ceil(w)}" height="${Math.ceil(h)}" aria-hidden="true" focusable="false">`);
  const body = scopeIds(svg.slice(open[0].length), id)
    .replace(MEASURE_FONT_IN_SVG, (font) => `var(--__sl-font, ${font})`)
    // Mermaid's accessible title and description would duplicate the figure's text.
    .replace(/<title\b[^>]*>[\s\S]*?<\/title>|<desc\b[^>]*>[\s\S]*?<\/desc>/g, '');
  return `${tag}<style>#${id} foreignObject{overflow:visible}</style>${body}`;
}

/**
 * Mermaid scopes most ids by the drawing's id, but not all (sequence diagrams number their actors
 * `actor0`, `root-0`): those get the prefix too, with their references, so two drawings on a page
 * (the light and the dark one, at least) never share an id.
 */
function scopeIds(body: string, prefix: string): string {
  const bare = new Set([...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]).filter((x) => !x.startsWith(prefix)));
  if (bare.size === 0) return body;
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = [...bare].sort((a, b) => b.length - a.length).map(escape).join('|');
  return body.replace(new RegExp(`(\\sid="|href="#|url\\(#)(${names})(?=[")])`, 'g'), (_, lead: string, name: string) => `${lead}${prefix}-${name}`);
}

/** Every reference in a drawing that would make the browser fetch something; a drawing must have none. */
export function outsideReferences(svg: string): string[] {
  const found: string[] = [];
  for (const m of svg.matchAll(/\b(?:href|xlink:href|src)\s*=\s*"([^"]*)"/g)) if (!m[1].startsWith('#')) found.push(m[1]);
  for (const m of svg.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!m[1].startsWith('#')) found.push(`url(${m[1]})`);
  for (const m of svg.matchAll(/@import[^;]*/g)) found.push(m[0]);
  return found;
}

/** Font sizes (px) set anywhere in a drawing, for the readability check. */
export function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size\s*[:=]\s*"?\s*([\d.]+)px/g)].map((m) => Number(m[1]));
}

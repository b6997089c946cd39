/**
 * The timeline's colours, read from Starlight's CSS custom properties so they follow the light and dark
 * themes (the viewer re-reads them when <html data-theme> changes).
 */
import { GState } from '../../analysis/model.ts';

export interface Palette {
  dark: boolean;
  bg: string;
  stripe: string;
  text: string;
  muted: string;
  grid: string;
  accent: string;
  states: string[];
  hues: string[];
  regionHues: string[];
  gc: string;
  stw: string;
  assist: string;
  heap: string;
  goal: string;
  task: string;
  log: string;
  marker: string;
}

export function readPalette(root: Element = document.documentElement): Palette {
  const cs = getComputedStyle(root);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const dark = (root as HTMLElement).dataset?.theme !== 'light' && !(root as HTMLElement).dataset?.theme?.startsWith('light');
  const states: string[] = [];
  states[GState.Running] = v('--sl-color-green', '#3a3');
  states[GState.Runnable] = v('--sl-color-blue', '#36c');
  states[GState.Waiting] = v('--sl-color-orange', '#c63');
  states[GState.Syscall] = v('--sl-color-purple', '#93c');
  states[GState.Undetermined] = v('--sl-color-gray-4', '#888');
  const light = dark ? 62 : 42;
  const hues = Array.from({ length: 16 }, (_, i) => (i === 15 ? v('--sl-color-gray-4', '#888') : `hsl(${(i * 137.5) % 360} 55% ${light}%)`));
  const regionHues = Array.from({ length: 16 }, (_, i) => `hsl(${(i * 137.5 + 40) % 360} 45% ${dark ? 45 : 70}%)`);
  return {
    dark,
    bg: v('--sl-color-bg', dark ? '#17181c' : '#fff'),
    stripe: v('--sl-color-gray-6', dark ? '#22252b' : '#eee'),
    text: v('--sl-color-text', dark ? '#ddd' : '#222'),
    muted: v('--sl-color-gray-3', '#888'),
    grid: v('--sl-color-gray-5', '#555'),
    accent: v('--sl-color-accent', '#c0f'),
    states,
    hues,
    regionHues,
    gc: v('--sl-color-gray-3', '#999'),
    stw: v('--sl-color-red', '#d33'),
    assist: v('--sl-color-red', '#d33'),
    heap: v('--sl-color-blue', '#36c'),
    goal: v('--sl-color-red', '#d33'),
    task: v('--sl-color-accent', '#84f'),
    log: v('--sl-color-text-accent', '#fc0'),
    marker: v('--sl-color-text-accent', '#fc0'),
  };
}

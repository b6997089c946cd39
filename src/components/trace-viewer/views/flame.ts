/**
 * A flame graph (an icicle: the root at the top, callees below) of a blocking profile. The tree is
 * built from the profile's stacks, outermost frame first; each frame is a button, its width its
 * share of the zoomed frame's time, so a click zooms in and the keyboard reaches every frame.
 */
import type { ProfileRecord } from '../../../analysis/go/types.ts';
import { el } from '../dom.ts';

export interface FlameNode {
  func: string;
  /** Total time (ns) of the stacks through this frame, and their count. */
  time: number;
  count: number;
  children: FlameNode[];
  parent: FlameNode | null;
}

export function flameTree(records: ProfileRecord[]): FlameNode {
  const root: FlameNode = { func: '', time: 0, count: 0, children: [], parent: null };
  const index = new Map<FlameNode, Map<string, FlameNode>>();
  for (const r of records) {
    root.time += r.time;
    root.count += r.count;
    let node = root;
    for (let i = r.stack.length - 1; i >= 0; i--) {
      const func = r.stack[i].func;
      let kids = index.get(node);
      if (!kids) index.set(node, (kids = new Map()));
      let child = kids.get(func);
      if (!child) {
        child = { func, time: 0, count: 0, children: [], parent: node };
        kids.set(func, child);
        node.children.push(child);
      }
      child.time += r.time;
      child.count += r.count;
      node = child;
    }
  }
  const order = (n: FlameNode) => {
    n.children.sort((a, b) => b.time - a.time || a.func.localeCompare(b.func));
    n.children.forEach(order);
  };
  order(root);
  return root;
}

/** The frames of a zoomed flame graph, laid out: x and w are fractions of the zoomed frame. */
export function layout(top: FlameNode, minFraction = 0.002, maxDepth = 64): { node: FlameNode; depth: number; x: number; w: number }[] {
  const out: { node: FlameNode; depth: number; x: number; w: number }[] = [];
  const total = top.time || 1;
  const walk = (n: FlameNode, depth: number, x: number) => {
    const w = n.time / total;
    if (w < minFraction || depth > maxDepth) return;
    out.push({ node: n, depth, x, w });
    let cx = x;
    for (const c of n.children) {
      walk(c, depth + 1, cx);
      cx += c.time / total;
    }
  };
  walk(top, 0, 0);
  return out;
}

export interface FlameOptions {
  rootLabel: string;
  resetLabel: string;
  /** Label and tooltip of a frame: its name, time and share. */
  describe: (n: FlameNode, share: number) => string;
  ariaLabel: string;
}

const ROW = 20;

/** Mounts the flame graph; returns its element. Clicking a frame zooms to it; the breadcrumb goes back. */
export function flameGraph(root: FlameNode, opts: FlameOptions): HTMLElement {
  const wrap = el('div', 'tv-flame');
  const crumbs = el('nav', 'tv-crumbs');
  const graph = el('div', 'tv-flame__graph');
  graph.setAttribute('role', 'group');
  graph.setAttribute('aria-label', opts.ariaLabel);
  wrap.append(crumbs, graph);
  const draw = (top: FlameNode) => {
    const path: FlameNode[] = [];
    for (let n: FlameNode | null = top; n; n = n.parent) path.unshift(n);
    crumbs.replaceChildren();
    crumbs.hidden = path.length <= 1;
    path.forEach((n, i) => {
      if (i > 0) crumbs.append(' › ');
      const b = el('button', 'tv-link');
      b.type = 'button';
      b.append(n.parent ? el('code', undefined, n.func) : opts.resetLabel);
      b.addEventListener('click', () => draw(n));
      crumbs.append(b);
    });
    const frames = layout(top);
    const depth = frames.reduce((d, f) => Math.max(d, f.depth), 0);
    graph.style.height = `${(depth + 1) * ROW}px`;
    graph.replaceChildren(
      ...frames.map((f) => {
        const b = el('button', 'tv-frame');
        b.type = 'button';
        const share = f.node.time / (root.time || 1);
        const text = f.node.parent ? opts.describe(f.node, share) : `${opts.rootLabel}: ${opts.describe(f.node, share)}`;
        b.title = text;
        b.setAttribute('aria-label', text);
        b.append(f.node.parent ? el('code', undefined, f.node.func) : opts.rootLabel);
        b.style.left = `${f.x * 100}%`;
        b.style.width = `${f.w * 100}%`;
        b.style.top = `${f.depth * ROW}px`;
        b.style.setProperty('--tv-frame-hue', String(hue(f.node.func)));
        b.dataset.func = f.node.func;
        if (f.node === top) b.dataset.zoomed = 'true';
        b.addEventListener('click', () => draw(f.node === top && top.parent ? top.parent : f.node));
        return b;
      }),
    );
    wrap.dataset.zoom = top.func;
  };
  draw(root);
  return wrap;
}

// A stable warm hue per function name, so a frame keeps its colour when zoomed.
function hue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return 10 + (Math.abs(h) % 45);
}

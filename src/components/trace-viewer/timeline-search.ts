/**
 * Search: goroutines by id or start function, regions and tasks by name, listed as buttons that
 * open the timeline on what they name.
 */
import { el } from './dom.ts';
import { intervalAt } from './hit.ts';
import { fitTo } from './scale.ts';
import type { Navigator } from './timeline-nav.ts';
import type { Text, TimelineState } from './timeline-state.ts';

export interface SearchResult {
  label: string;
  go: () => void;
}

/**
 * The results for a query: at most 20 goroutines, then regions up to 40 and tasks up to 60 results
 * in all. A region name is listed once per goroutine, since loops repeat a region many times.
 */
export function searchResults(st: TimelineState, nav: Navigator, text: Text, query: string): SearchResult[] {
  const { m, duration } = st;
  const { S, str } = text;
  const items: SearchResult[] = [];
  const idQuery = /^g?(\d+)$/.exec(query);
  m.goroutines.forEach((gor, g) => {
    if (items.length >= 20) return;
    const fn = str(gor.startFunc);
    if ((idQuery && gor.id === Number(idQuery[1])) || (!idQuery && fn.toLowerCase().includes(query))) {
      items.push({
        label: `G${gor.id} ${fn}`,
        go: () => {
          const lane = nav.revealGoroutine(g);
          const a = gor.created >= 0 ? gor.created : 0;
          const b = gor.ended >= 0 ? gor.ended : duration;
          nav.setWindow(fitTo(a, b, duration));
          nav.select({ lane, row: 0, index: Math.max(0, intervalAt(lane.tracks[0], a, duration)), kind: 'state', t: a });
        },
      });
    }
  });
  const seen = new Set<string>();
  for (let i = 0; i < m.regions.length && items.length < 40; i++) {
    const name = str(m.regions.name[i]);
    if (!name.toLowerCase().includes(query)) continue;
    const g = m.regions.goroutine[i];
    const key = `${name}@${g}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({
      label: `${S('legend.region')}: ${name} (G${m.goroutines[g]?.id})`,
      go: () => {
        nav.setWindow(fitTo(m.regions.start[i], m.regions.end[i], duration));
        nav.selectRegion(i);
      },
    });
  }
  m.tasks.forEach((t, ti) => {
    if (items.length >= 60 || !str(t.name).toLowerCase().includes(query)) return;
    items.push({
      label: `${S('legend.task')}: ${str(t.name)} #${t.id}`,
      go: () => {
        nav.setWindow(fitTo(Math.max(0, t.start), t.end < 0 ? duration : t.end, duration));
        // The tasks lane is one of the fixed lanes above every goroutine: scrolling to the top shows it.
        st.scrollY = 0;
        nav.selectTask(ti);
      },
    });
  });
  return items;
}

/** Runs a search into the results list; choosing a result closes the list and returns focus to the timeline. */
export function search(st: TimelineState, nav: Navigator, text: Text, results: HTMLElement, stage: HTMLElement, q: string): void {
  results.replaceChildren();
  const query = q.trim().toLowerCase();
  if (!query) {
    results.hidden = true;
    return;
  }
  const items = searchResults(st, nav, text, query);
  if (items.length === 0) results.append(el('li', undefined, text.S('searchNone')));
  for (const it of items) {
    const li = el('li');
    const b = el('button', 'tv-link', it.label);
    b.type = 'button';
    b.addEventListener('click', () => {
      it.go();
      results.hidden = true;
      stage.focus();
    });
    li.append(b);
    results.append(li);
  }
  results.hidden = false;
}

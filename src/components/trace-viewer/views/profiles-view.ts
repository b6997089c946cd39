/**
 * The profiles view: go tool trace's four blocking profiles (-pprof=net|sync|syscall|sched) as a
 * flame graph, a table of the top stacks and a pprof file to download for go tool pprof.
 */
import type { ProfileKind, ProfileRecord } from '../../../analysis/go/types.ts';
import { el } from '../dom.ts';
import { formatNs } from '../scale.ts';
import type { ViewContext, ViewHandle } from './context.ts';
import { flameGraph, flameTree } from './flame.ts';
import { awaitData } from './status.ts';

export const KINDS: ProfileKind[] = ['sync', 'net', 'syscall', 'sched'];
const TOP = 15;
const FRAMES = 3;

export function mount(panel: HTMLElement, ctx: ViewContext): ViewHandle {
  const { S } = ctx;
  const body = el('div', 'tv-view tv-profiles');
  panel.replaceChildren(body);
  let url = '';
  const revoke = () => {
    if (url) URL.revokeObjectURL(url);
    url = '';
  };
  awaitData(body, ctx, (data) => {
    const label = el('label', 'tv-field');
    label.append(S('prof.kind') + ' ');
    const select = el('select');
    for (const k of KINDS) {
      const o = el('option', undefined, S(`prof.${k}`));
      o.value = k;
      select.append(o);
    }
    label.append(select);
    const download = el('a', 'tv-download');
    const content = el('div', 'tv-profile');
    body.append(el('div', 'tv-view-toolbar'), content);
    body.firstElementChild!.append(label, download);

    let generation = 0;
    const show = (kind: ProfileKind) => {
      const records: ProfileRecord[] = data.analyses.profiles[kind] ?? [];
      body.dataset.kind = kind;
      const total = records.reduce((s, r) => s + r.time, 0);
      content.replaceChildren();
      if (records.length === 0) content.append(el('p', undefined, S('prof.empty')));
      else {
        const root = flameTree(records);
        content.append(
          flameGraph(root, {
            rootLabel: S('prof.root'),
            resetLabel: S('prof.root'),
            ariaLabel: S('prof.flame', { kind: S(`prof.${kind}`) }),
            describe: (n, share) => S('prof.frame', { func: n.func || S('prof.root'), time: formatNs(n.time), percent: Math.round(share * 1000) / 10, count: n.count }),
          }),
          topTable(records, total),
        );
      }
      // The pprof file, made only for the chosen kind; the old blob URL is let go.
      revoke();
      download.hidden = true;
      const mine = ++generation;
      const file = `${kind}.pb.gz`;
      data.pprof(kind).then(
        (bytes) => {
          if (mine !== generation || ctx.signal.aborted) return;
          url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
          download.href = url;
          download.download = file;
          download.textContent = S('prof.download', { file });
          download.hidden = false;
        },
        () => undefined,
      );
    };
    const topTable = (records: ProfileRecord[], total: number) => {
      const table = el('table', 'tv-table');
      table.append(el('caption', undefined, S('prof.top', { count: Math.min(TOP, records.length), total: formatNs(total) })));
      const head = el('tr');
      for (const [k, numeric] of [['prof.total', true], ['prof.count', true], ['prof.stack', false]] as const) {
        const th = el('th', numeric ? 'tv-num' : undefined, S(k));
        th.scope = 'col';
        head.append(th);
      }
      table.append(el('thead'), el('tbody'));
      table.tHead!.append(head);
      const top = [...records].sort((a, b) => b.time - a.time).slice(0, TOP);
      for (const r of top) {
        const tr = el('tr');
        const frames = el('ol', 'tv-stack');
        for (const f of r.stack.slice(0, FRAMES)) frames.append(el('li', undefined, f.func));
        tr.append(el('td', 'tv-num', formatNs(r.time)), el('td', 'tv-num', r.count.toLocaleString('en-US')));
        const td = el('td');
        td.append(frames);
        tr.append(td);
        tr.dataset.top = r.stack[0]?.func ?? '';
        table.tBodies[0].append(tr);
      }
      const wrap = el('div', 'tv-table-wrap');
      wrap.append(table);
      return wrap;
    };
    select.addEventListener('change', () => show(select.value as ProfileKind));
    show('sync');
  });
  return { destroy: revoke };
}

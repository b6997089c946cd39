/**
 * cmd/trace's goroutine analysis as table rows: goroutines grouped by start function, each column a
 * kind of time summed over the group. Block time is split by reason, one column per reason the trace
 * has, as Go 1.27's goroutine pages do ("Block time (reason)"); range time shows only the GC mark
 * assists, which overlap the other columns (so Go leaves range time out of its non-overlapping sums).
 */
import { unknownTime } from '../../../analysis/go/tables.ts';
import type { ExecStats, GoroutineSummary } from '../../../analysis/go/types.ts';

export { unknownTime };

export const ASSIST = 'GC mark assist';

export interface Column { key: string; reason?: string }

export interface Row {
  key: string;
  name: string;
  count: number;
  values: Record<string, number>;
  goroutines: GoroutineSummary[];
}

export function valuesOf(s: ExecStats): Record<string, number> {
  const v: Record<string, number> = {
    exec: s.execTime,
    schedWait: s.schedWaitTime,
    syscall: s.syscallTime,
    syscallBlock: s.syscallBlockTime,
    assist: s.rangeTime[ASSIST] ?? 0,
    unknown: unknownTime(s),
    total: s.totalTime,
  };
  for (const [reason, dt] of Object.entries(s.blockTimeByReason)) v[`block:${reason}`] = (v[`block:${reason}`] ?? 0) + dt;
  return v;
}

/** The columns for these goroutines: block reasons by their total, largest first, between the fixed ones. */
export function columnsFor(gs: GoroutineSummary[]): Column[] {
  const byReason = new Map<string, number>();
  for (const g of gs) for (const [r, dt] of Object.entries(g.stats.blockTimeByReason)) if (dt > 0) byReason.set(r, (byReason.get(r) ?? 0) + dt);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  return [
    { key: 'exec' },
    { key: 'schedWait' },
    ...reasons.map((r) => ({ key: `block:${r}`, reason: r })),
    { key: 'syscall' },
    { key: 'syscallBlock' },
    { key: 'assist' },
    { key: 'unknown' },
  ];
}

/** Groups by start function (Go's GoroutineSummary.Name), as cmd/trace's goroutines page. */
export function groupRows(gs: GoroutineSummary[]): Row[] {
  const groups = new Map<string, Row>();
  for (const g of gs) {
    let row = groups.get(g.name);
    if (!row) groups.set(g.name, (row = { key: g.name, name: g.name, count: 0, values: {}, goroutines: [] }));
    row.count++;
    row.goroutines.push(g);
    for (const [k, v] of Object.entries(valuesOf(g.stats))) row.values[k] = (row.values[k] ?? 0) + v;
  }
  return [...groups.values()];
}

export function goroutineRows(gs: GoroutineSummary[]): Row[] {
  return gs.map((g) => ({ key: String(g.id), name: g.name, count: 1, values: valuesOf(g.stats), goroutines: [g] }));
}

export type SortKey = 'name' | 'count' | string;

/** Sorted copy; names ascending or values descending first, as one expects of each. */
export function sortRows(rows: Row[], key: SortKey, dir: 'ascending' | 'descending'): Row[] {
  const sign = dir === 'ascending' ? 1 : -1;
  const val = (r: Row) => (key === 'count' ? r.count : (r.values[key] ?? 0));
  return [...rows].sort((a, b) => {
    const d = key === 'name' ? a.name.localeCompare(b.name) || Number(a.key) - Number(b.key) : val(a) - val(b);
    return d * sign || a.key.localeCompare(b.key);
  });
}

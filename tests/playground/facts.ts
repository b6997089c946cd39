// Facts of a Go execution trace computed from the TypeScript reader's public Event API.
// Mirrors playground/go/internal/tracefacts/facts.go (which computes them from `go tool trace -d=1`
// of Go 1.23, so the reader reads as Go 1.23 here: the same events, Syncs included, as -d=1 prints);
// the definitions must stay identical.

/** The subset of src/trace/index.ts this module uses (imported dynamically by the tests). */
export interface TraceModule {
  Reader: new (bytes: Uint8Array, opts?: { readAs?: 'go1.27' | 'go1.23' }) => Iterable<any>;
  EventKind: Record<string, number>;
  GoState: Record<string, number>;
  ResourceKind: Record<string, number>;
}

export interface Phase { name: string; ms: number; syncBlocks: number; syncBlockedMs: number; avgBlocked: number }

export interface Facts {
  events: number;
  gcs: number;
  tasks: number;
  taskTypes: string[];
  regions: number;
  regionsWithoutTask: number;
  logs: number;
  logsWithoutTask: number;
  goroutines: number;
  preexistingGoroutines: number;
  userGoroutines: number;
  userPreexisting: number;
  userCreated: number;
  goroutinesBlockedAtEnd: number;
  blockedAtEndReasons: Record<string, number>;
  blockReasons: Record<string, number>;
  spanMs: number;
  phases: Phase[];
}

/** Frames of the scenario programs (not the runner framework). */
export const USER_FRAME_PREFIX = 'fieldguide/playground/scenarios/';

const round3 = (x: number) => Math.floor(x * 1000 + 0.5) / 1000;

export function computeFacts(mod: TraceModule, bytes: Uint8Array): Facts {
  const { Reader, EventKind: K, GoState: S, ResourceKind: R } = mod;
  const f: Facts = {
    events: 0, gcs: 0, tasks: 0, taskTypes: [], regions: 0, regionsWithoutTask: 0, logs: 0, logsWithoutTask: 0,
    goroutines: 0, preexistingGoroutines: 0, userGoroutines: 0, userPreexisting: 0, userCreated: 0,
    goroutinesBlockedAtEnd: 0, blockedAtEndReasons: {}, blockReasons: {}, spanMs: 0, phases: [],
  };
  interface G { first: number; firstTo: number; last: number; user: boolean; lastReason: string }
  const gor = new Map<number, G>();
  const taskTypes = new Set<string>();
  let minT = -1, maxT = -1;
  const marks: { name: string; t: number }[] = [];
  interface Block { start: number; end: number }
  const syncBlocks: Block[] = [];
  const openBlock = new Map<number, Block>();
  const hasUser = (stack: any) => !!stack && stack.frames().some((fr: any) => fr.func.startsWith(USER_FRAME_PREFIX));

  for (const ev of new Reader(bytes, { readAs: 'go1.23' })) {
    f.events++;
    const t = ev.time();
    if (t > 0) {
      if (minT < 0 || t < minT) minT = t;
      if (t > maxT) maxT = t;
    }
    switch (ev.kind()) {
      case K.RangeBegin:
        if (ev.range().name === 'GC concurrent mark phase') f.gcs++;
        break;
      case K.TaskBegin:
        f.tasks++;
        taskTypes.add(ev.task().type);
        break;
      case K.RegionBegin:
        f.regions++;
        if (ev.region().task === 0) f.regionsWithoutTask++;
        break;
      case K.Log: {
        const l = ev.log();
        f.logs++;
        if (l.task === 0) f.logsWithoutTask++;
        if (l.category === 'phase') marks.push({ name: l.message, t });
        break;
      }
      case K.StateTransition: {
        const st = ev.stateTransition();
        if (st.resource.kind !== R.Goroutine) break;
        const id = st.resource.id;
        const { from, to } = st.goroutine();
        let g = gor.get(id);
        if (!g) {
          g = { first: from, firstTo: to, last: to, user: false, lastReason: '' };
          gor.set(id, g);
        }
        g.last = to;
        const ob = openBlock.get(id);
        if (ob && from === S.Waiting) {
          ob.end = t;
          openBlock.delete(id);
        }
        // A status event's own stack (GoStatusStack) is the goroutine's; other event stacks are
        // the acting goroutine's, so only the transition stack counts for them.
        if (hasUser(st.stack) || (from === S.Undetermined && hasUser(ev.stack()))) g.user = true;
        if (from === S.Running && to === S.Waiting) {
          const r = st.reason;
          f.blockReasons[r] = (f.blockReasons[r] ?? 0) + 1;
          g.lastReason = r;
          if (r === 'sync') {
            const b = { start: t, end: -1 };
            syncBlocks.push(b);
            openBlock.set(id, b);
          }
        }
        break;
      }
    }
  }
  for (const g of gor.values()) {
    f.goroutines++;
    if (g.first === S.Undetermined) f.preexistingGoroutines++;
    if (!g.user) continue;
    f.userGoroutines++;
    if (g.first === S.Undetermined && g.firstTo === S.Waiting) f.userPreexisting++;
    if (g.first === S.NotExist) f.userCreated++;
    if (g.last === S.Waiting) {
      f.goroutinesBlockedAtEnd++;
      f.blockedAtEndReasons[g.lastReason] = (f.blockedAtEndReasons[g.lastReason] ?? 0) + 1;
    }
  }
  f.taskTypes = [...taskTypes].sort();
  if (minT >= 0) f.spanMs = round3((maxT - minT) / 1e6);
  for (let i = 0; i + 1 < marks.length; i++) {
    const p: Phase = { name: marks[i].name, ms: round3((marks[i + 1].t - marks[i].t) / 1e6), syncBlocks: 0, syncBlockedMs: 0, avgBlocked: 0 };
    let blocked = 0;
    for (const b of syncBlocks) {
      if (b.start >= marks[i].t && b.start < marks[i + 1].t) {
        p.syncBlocks++;
        blocked += (b.end < 0 ? maxT : b.end) - b.start;
      }
    }
    p.syncBlockedMs = round3(blocked / 1e6);
    if (p.ms > 0) p.avgBlocked = round3(p.syncBlockedMs / p.ms);
    f.phases.push(p);
  }
  return f;
}

/** The 16-byte header as text ("go 1.23 trace"), or '' if the bytes have none. */
export function headerOf(bytes: Uint8Array): string {
  if (bytes.length < 16) return '';
  const h = Buffer.from(bytes.subarray(0, 16)).toString('latin1').replace(/\0+$/, '');
  return /^go 1\.\d+ trace$/.test(h) ? h : '';
}

/**
 * Checks a manifest entry's `expect` against facts; returns a list of mismatches (empty = ok).
 * Keys it does not know are ignored here (they are checked elsewhere, e.g. from program output).
 */
export function checkExpect(expect: Record<string, any>, f: Facts): string[] {
  const bad: string[] = [];
  const eq = (k: keyof Facts | string, got: unknown) => {
    if (k in expect && JSON.stringify(expect[k]) !== JSON.stringify(got)) bad.push(`${k}: want ${JSON.stringify(expect[k])}, got ${JSON.stringify(got)}`);
  };
  for (const k of ['gcs', 'tasks', 'taskTypes', 'regions', 'regionsWithoutTask', 'logs', 'logsWithoutTask',
    'userPreexisting', 'userCreated', 'goroutinesBlockedAtEnd'] as const) eq(k, f[k]);
  if ('phases' in expect && f.phases.length !== expect.phases) bad.push(`phases: want ${expect.phases}, got ${f.phases.length}`);
  const min = (k: string, got: number) => { if (k in expect && got < expect[k]) bad.push(`${k}: want >= ${expect[k]}, got ${got}`); };
  const max = (k: string, got: number) => { if (k in expect && got > expect[k]) bad.push(`${k}: want <= ${expect[k]}, got ${got}`); };
  min('minGCs', f.gcs);
  min('minPreexistingGoroutines', f.preexistingGoroutines);
  min('minRegions', f.regions);
  min('minSpanMs', f.spanMs);
  max('maxSpanMs', f.spanMs);
  if (Array.isArray(expect.blockReasons)) {
    for (const r of expect.blockReasons) if (!f.blockReasons[r]) bad.push(`blockReasons: no goroutine blocked with ${JSON.stringify(r)}`);
  }
  if ('blockedAtEndReason' in expect && (f.blockedAtEndReasons[expect.blockedAtEndReason] ?? 0) !== f.goroutinesBlockedAtEnd) {
    bad.push(`blockedAtEndReason: want all ${f.goroutinesBlockedAtEnd} on ${expect.blockedAtEndReason}, got ${JSON.stringify(f.blockedAtEndReasons)}`);
  }
  if (expect.blockRateRises) {
    const a = f.phases[0]?.avgBlocked ?? 0, b = f.phases.at(-1)?.avgBlocked ?? 0;
    if (!(b >= 2 * a && b > 0)) bad.push(`blockRateRises: first phase ${a}, last ${b}`);
  }
  return bad;
}

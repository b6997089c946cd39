// Trace viewer benchmark: `npx node scripts/bench-viewer.ts` (Node 24). Prints figures only.
//
// `npm run bench:viewer` builds the site, serves it with nginx and runs this. By hand: `SITE_BASE=/docs/go-trace/ npm run -s build`,
// `bash scripts/serve-nginx.sh 4380 /docs/go-trace/`, then `npx node scripts/bench-viewer.ts`
// (BENCH_URL overrides http://127.0.0.1:4380/docs/go-trace/).
//
//   - traces: a ~25 MB (~5 M events), a ~100 MB and a ~300 MB trace, written by a stdlib Go program
//     (64 goroutines passing messages, with regions, logs, allocation) with /usr/lib/go-1.23/bin/go,
//     kept in $BENCH_DIR (default $TMPDIR/viewer-bench); BENCH_SIZES=25,100 picks sizes in MiB;
//   - each is opened through the open-a-trace page (setInputFiles) in Debian's chromium: time from the
//     file input's change event to the first drawn frame of the timeline (the viewer's
//     trace-viewer:frame event; files of 24 MiB and more are read by two workers, see
//     src/analysis/client.ts), peak RSS of the tab's renderer process (the page and its workers;
//     /proc, sampled every 100 ms) beside the sum over all of the browser's renderer processes, and
//     the JS heap (CDP Performance.getMetrics) after loading;
//   - on the ~5 M-event trace: frame times while zooming and panning (keyboard and Ctrl + wheel):
//     intervals between requestAnimationFrame callbacks, and the time spent drawing each frame, p50/p95;
//   - the analysis views (goroutines, profiles, regions, mmu): the open-a-trace page starts go tool
//     trace's analyses in the background once the timeline has drawn; printed: their time from the
//     first frame of the timeline until done, then each view's open time (click to drawn, and the
//     drawing alone), the JS heap after a GC with every view open, and the tab's peak RSS over the
//     whole (loading, analyses, views); on the first size also, on a fresh page, the time a view
//     takes when opened at once (clicked at the timeline's first frame: it waits for the analyses);
//   - `go tool trace` on the same file, where Go is installed: time until it listens, and its peak RSS
//     (/usr/bin/time -v); BENCH_GO_TOOL=0 leaves it out.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const URL_BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:4380/docs/go-trace/';
const DIR = process.env.BENCH_DIR ?? join(tmpdir(), 'viewer-bench');
const GO = '/usr/lib/go-1.23/bin/go';
const SIZES = (process.env.BENCH_SIZES ?? '25,100,300').split(',').map(Number);

const GEN = `package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"
)

type counter struct {
	f *os.File
	n atomic.Int64
}

func (c *counter) Write(p []byte) (int, error) { c.n.Add(int64(len(p))); return c.f.Write(p) }

func main() {
	out := flag.String("o", "big.trace", "output")
	mb := flag.Int("mb", 100, "target size in MiB")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		panic(err)
	}
	c := &counter{f: f}
	if err := trace.Start(c); err != nil {
		panic(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var sink atomic.Int64
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, task := trace.NewTask(context.Background(), "worker")
			defer task.End()
			ping, pong := make(chan int), make(chan int)
			go func() {
				for v := range ping {
					pong <- v + 1
				}
			}()
			for i := 0; !stop.Load(); i++ {
				trace.WithRegion(ctx, "step", func() {
					ping <- i
					<-pong
					if i%64 == 0 {
						b := make([]byte, 4096)
						sink.Add(int64(len(b)))
						runtime.Gosched()
					}
					if i%4096 == 0 {
						trace.Log(ctx, "progress", fmt.Sprint(i))
						time.Sleep(10 * time.Microsecond)
					}
				})
			}
			close(ping)
		}()
	}
	for c.n.Load() < int64(*mb)<<20 {
		time.Sleep(20 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	trace.Stop()
	f.Close()
}
`;

function traceOf(mb: number): string {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `viewer-${mb}mb.trace`);
  if (existsSync(file)) return file;
  const src = join(DIR, 'gen');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'main.go'), GEN);
  writeFileSync(join(src, 'go.mod'), 'module gen\n\ngo 1.23\n');
  execFileSync(GO, ['build', '-o', join(src, 'gen'), '.'], { cwd: src });
  execFileSync(join(src, 'gen'), ['-o', file, '-mb', String(mb)]);
  return file;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

/** RSS (KiB) of each renderer process of the browser, by pid. */
function rendererRssKiB(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes('chromium')) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) out.set(pid, Number(m[1]));
    } catch {
      // gone
    }
  }
  return out;
}

/** Peaks: of the tab's process (the largest renderer, where the page and its workers run) and of all renderers. */
function rssPeaks() {
  const peak = { tab: 0, all: 0 };
  const sample = () => {
    const r = rendererRssKiB();
    let all = 0;
    for (const v of r.values()) {
      all += v;
      peak.tab = Math.max(peak.tab, v);
    }
    peak.all = Math.max(peak.all, all);
  };
  sample();
  const timer = setInterval(sample, 100);
  return { peak, stop: () => (clearInterval(timer), sample()) };
}

async function goToolTrace(file: string): Promise<{ listenS: number; rssMiB: number } | null> {
  if (!existsSync(GO) || !existsSync('/usr/bin/time')) return null;
  const tool = execFileSync(GO, ['tool', '-n', 'trace'], { encoding: 'utf8' }).trim();
  return new Promise((resolve) => {
    const started = performance.now();
    let listenS = NaN;
    const child = spawn('/usr/bin/time', ['-v', tool, '-http=127.0.0.1:0', file], { env: { ...process.env, BROWSER: '/bin/true' } });
    let err = '';
    const onData = (d: Buffer) => {
      err += d.toString();
      if (Number.isNaN(listenS) && /listening on|Opening browser/i.test(err)) {
        listenS = (performance.now() - started) / 1000;
        // Let it settle, then stop the tool (time -v still reports on a signal).
        setTimeout(() => spawnSync('pkill', ['-INT', '-P', String(child.pid)]), 500);
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
    const timer = setTimeout(() => spawnSync('pkill', ['-INT', '-P', String(child.pid)]), 600_000);
    child.on('exit', () => {
      clearTimeout(timer);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolve({ listenS, rssMiB: rss ? Number(rss[1]) / 1024 : NaN });
    });
  });
}

/** Opens each view in turn: click to drawn, and the drawing alone (or the failure). */
async function openViews(page: import('@playwright/test').Page, views = ['goroutines', 'profiles', 'regions', 'mmu']): Promise<string[]> {
  const timings: string[] = [];
  for (const view of views) {
    const t0 = Date.now();
    await page.locator(`trace-opener [role="tab"][data-tab="${view}"]`).click();
    const panel = `trace-opener .tv-panel[data-view="${view}"]`;
    await page.locator(`${panel} .tv-view[data-ready="true"], ${panel} .tv-view-status[data-state="failed"]`).waitFor({ timeout: 900_000 });
    const wall = (Date.now() - t0) / 1000;
    const renderMs = Number(await page.locator(`${panel} .tv-view`).getAttribute('data-render-ms'));
    const status = page.locator(`${panel} .tv-view-status[data-state="failed"]`);
    const failed = (await status.count()) > 0 ? await status.textContent() : null;
    timings.push(failed ? `${view} failed after ${wall.toFixed(2)} s (${failed})` : `${view} ${wall.toFixed(2)} s (drawing ${f1(renderMs)} ms)`);
  }
  return timings;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

console.log(`viewer bench against ${URL_BASE}tools/open-a-trace/`);
for (const mb of SIZES) {
  const file = traceOf(mb);
  const bytes = statSync(file).size;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${URL_BASE}tools/open-a-trace/`);
  await page.evaluate(() => {
    const w = window as unknown as { __change: number; __frame: number; __analysed: number };
    w.__change = w.__frame = w.__analysed = 0;
    document.querySelector('input[type="file"]')!.addEventListener('change', () => (w.__change = performance.now()), true);
    // The viewer's frame event does not bubble: catch it on the way down.
    document.addEventListener('trace-viewer:frame', () => (w.__frame ||= performance.now()), true);
    // When the background analyses end (the shell's data-analysis).
    new MutationObserver((ms) => {
      for (const m of ms) {
        const v = (m.target as HTMLElement).dataset?.analysis;
        if ((v === 'done' || v === 'failed') && w.__analysed === 0) w.__analysed = performance.now();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-analysis'] });
  });
  const rss = rssPeaks();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.waitForSelector('trace-opener[data-state="ready"], trace-opener[data-state="error"]', { timeout: 600_000 });
  await page.waitForSelector('trace-opener canvas');
  await page.waitForFunction(() => (window as unknown as { __frame: number }).__frame > 0);
  const firstTimelineS = await page.evaluate(() => {
    const w = window as unknown as { __change: number; __frame: number };
    return (w.__frame - w.__change) / 1000;
  });
  // The trace doctor runs after the first frame: let it finish before reading memory and the summary.
  await page.waitForSelector('trace-opener .tv-findings:not([aria-busy])');
  const loadPeak = { ...rss.peak };
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const events = await page.evaluate(() => document.querySelector('trace-opener .tv-sr-only')?.textContent ?? '');
  console.log(
    `\n${(bytes / 2 ** 20).toFixed(0)} MiB trace (${file}): first timeline ${firstTimelineS.toFixed(2)} s;` +
      ` tab RSS peak ${f1(loadPeak.tab / 1024)} MiB (all renderer processes ${f1(loadPeak.all / 1024)} MiB); JS heap after load ${f1(heap / 2 ** 20)} MiB`,
  );
  console.log(`  ${events}`);

  if (mb === SIZES[0]) {
    // Frame times while zooming and panning.
    const stage = page.locator('trace-opener [role="application"]');
    await stage.scrollIntoViewIfNeeded();
    await stage.focus();
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __draws: number[]; __rec: boolean };
      w.__frames = [];
      w.__draws = [];
      w.__rec = true;
      const loop = (ts: number) => {
        if (!w.__rec) return;
        w.__frames.push(ts);
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
      document.querySelector('trace-opener .tv')!.addEventListener('trace-viewer:frame', (e) => w.__draws.push((e as CustomEvent).detail.drawMs));
    });
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 10 < 5 ? '+' : 'ArrowRight');
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
      await page.keyboard.up('Control');
      await page.keyboard.press(i % 10 < 5 ? 'ArrowLeft' : '-');
    }
    await page.keyboard.press('0');
    for (let i = 0; i < 20; i++) await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
    const { frames, draws } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __draws: number[]; __rec: boolean };
      w.__rec = false;
      return { frames: w.__frames, draws: w.__draws };
    });
    const deltas = frames.slice(1).map((t, i) => t - frames[i]);
    console.log(
      `  pan/zoom on this trace: ${draws.length} redraws; draw time p50 ${f1(pct(draws, 50))} ms, p95 ${f1(pct(draws, 95))} ms, max ${f1(Math.max(...draws))} ms;` +
        ` rAF interval p50 ${f1(pct(deltas, 50))} ms, p95 ${f1(pct(deltas, 95))} ms (${deltas.length} frames)`,
    );
  }
  // The analysis views: the analyses run in the background from the timeline's first frame; once
  // they are done, each view only draws.
  try {
    await page.waitForSelector('trace-opener .tv-shell[data-analysis="done"], trace-opener .tv-shell[data-analysis="failed"]', { timeout: 900_000 });
    const { analysedS, state } = await page.evaluate(() => {
      const w = window as unknown as { __frame: number; __analysed: number };
      return { analysedS: (w.__analysed - w.__frame) / 1000, state: document.querySelector<HTMLElement>('trace-opener .tv-shell')?.dataset.analysis };
    });
    const analysisMs = Number(await page.locator('trace-opener .tv-shell').getAttribute('data-analysis-ms'));
    console.log(`  views: analyses in the background ${state}, ${analysedS.toFixed(2)} s after the timeline's first frame (the worker's request ${f1(analysisMs / 1000)} s)`);
    const timings = await openViews(page);
    // Garbage first: what the views keep, not what reading them left behind.
    await cdp.send('HeapProfiler.collectGarbage');
    const heapViews = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    console.log(`  views opened once ready: ${timings.join(', ')}; JS heap with all views open, after a GC, ${f1(heapViews / 2 ** 20)} MiB`);
  } catch (error) {
    // A tab that runs out of memory crashes: said, not thrown, so the other figures still print.
    console.log(`  views: could not be opened (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
  }
  rss.stop();
  console.log(`  tab RSS peak over loading, analyses and views ${f1(rss.peak.tab / 1024)} MiB (all renderer processes ${f1(rss.peak.all / 1024)} MiB)`);
  await page.close().catch(() => undefined);

  if (mb === SIZES[0]) {
    // A view opened at once: clicked at the timeline's first frame, it waits for the analyses.
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await fresh.goto(`${URL_BASE}tools/open-a-trace/`);
    await fresh.evaluate(() => {
      const w = window as unknown as { __frame: number };
      w.__frame = 0;
      document.addEventListener('trace-viewer:frame', () => (w.__frame ||= performance.now()), true);
    });
    await fresh.locator('input[type="file"]').setInputFiles(file);
    await fresh.waitForFunction(() => (window as unknown as { __frame: number }).__frame > 0, undefined, { timeout: 600_000, polling: 10 });
    const [first] = await openViews(fresh, ['regions']);
    console.log(`  a view opened at the timeline's first frame: ${first}`);
    await fresh.close().catch(() => undefined);
  }

  // BENCH_GO_TOOL=0 leaves it out (on the 300 MB trace it needs tens of GB).
  const go = process.env.BENCH_GO_TOOL === '0' ? null : await goToolTrace(file);
  if (go) console.log(`  go tool trace: listening after ${go.listenS.toFixed(2)} s, peak RSS ${f1(go.rssMiB)} MiB`);
}
await browser.close();

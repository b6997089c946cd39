/**
 * The trace reader runs unchanged in a browser Web Worker: src/trace is bundled as it is (no DOM, no
 * Node imports), started as a worker in Chromium, fed real traces as streamed chunks, and its
 * dump must equal Go's own reading byte for byte: Go 1.27.3's (the .go127.golden files, the
 * reader's default), and Go 1.23.5's (the .golden files, read as Go 1.23) where there is one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';

const REAL = 'tests/fixtures/go-trace-testdata/real/';

async function readerBundle(): Promise<string> {
  const harness = `
    import { StreamReader, NeedMoreData, TraceError } from './src/trace/index.ts';
    self.onmessage = ({ data: { data, readAs } }) => {
      const r = new StreamReader({ readAs });
      const out = [];
      try {
        for (let i = 0; i < data.length; i += 4093) r.push(data.subarray(i, i + 4093));
        r.end();
        for (let ev = r.next(); ev !== null && ev !== NeedMoreData; ev = r.next()) out.push(ev.toString() + '\\n');
        out.push('EOF\\n');
      } catch (e) {
        out.push('ERROR: ' + (e instanceof TraceError ? e.message : 'not a TraceError: ' + e) + '\\n');
      }
      self.postMessage({ dump: out.join(''), hasDocument: typeof document !== 'undefined' });
    };`;
  const result = await build({
    stdin: { contents: harness, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0].text;
}

test('the reader parses real traces inside a browser Web Worker exactly as Go does', async ({ page }) => {
  const code = await readerBundle();
  await page.goto('about:blank');
  const traces = readdirSync(REAL).filter((f) => f.endsWith('.trace'));
  expect(traces.length).toBeGreaterThan(3);
  let compared = 0;
  for (const name of traces) {
    const bytes = [...readFileSync(REAL + name)];
    for (const [suffix, readAs] of [['.go127.golden', 'go1.27'], ['.golden', 'go1.23']] as const) {
      const goldenFile = REAL + name.replace(/\.trace$/, suffix);
      if (!existsSync(goldenFile)) {
        // Every trace has Go 1.27's reading; Go 1.23 cannot read the go 1.26 format.
        expect(readAs, `${name}: no ${suffix}`).toBe('go1.23');
        continue;
      }
      const golden = readFileSync(goldenFile, 'utf8');
      const result = await page.evaluate(
        ({ code, bytes, readAs }) =>
          new Promise<{ dump: string; hasDocument: boolean }>((resolve, reject) => {
            const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
            const worker = new Worker(url);
            worker.onmessage = (e) => resolve(e.data);
            worker.onerror = (e) => reject(new Error(e.message));
            worker.postMessage({ data: new Uint8Array(bytes), readAs });
          }),
        { code, bytes, readAs },
      );
      expect(result.hasDocument).toBe(false);
      expect(result.dump === golden, `${name}: worker dump (${readAs}) differs from Go's ${suffix}`).toBe(true);
      compared++;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(2 * traces.length - 3);
});

import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage();
await page.addInitScript(() => {
  const W = window.Worker;
  const t0 = performance.now();
  (window as any).Worker = class extends W {
    constructor(u: any, o: any) {
      super(u, o);
      const id = Math.random().toString(36).slice(2, 5);
      console.log(`${(performance.now() - t0).toFixed(0)} new worker ${id}`);
      this.addEventListener('message', (e: any) => { if (e.data.type !== 'progress') console.log(`${(performance.now() - t0).toFixed(0)} ${id} -> ${e.data.type} ${e.data.offset ?? ''}`); });
    }
  };
  console.log('cores', navigator.hardwareConcurrency);
  addEventListener('change', () => console.log(`${(performance.now() - t0).toFixed(0)} change`), true);
  new MutationObserver(() => { const o = document.querySelector('trace-opener'); if (o?.getAttribute('data-state')) console.log(`${(performance.now() - t0).toFixed(0)} state ${o.getAttribute('data-state')}`); }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
});
page.on('console', (m) => console.log(m.text()));
await page.goto('http://127.0.0.1:4390/docs/go-trace/tools/open-a-trace/');
await page.locator('input[type="file"]').setInputFiles(process.argv[2]);
await page.waitForSelector('trace-opener[data-state="ready"], trace-opener[data-state="error"]', { timeout: 600_000 });
await browser.close();

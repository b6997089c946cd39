import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('worker', (w) => { console.log('worker', w.url()); w.on('close', () => console.log('worker closed', w.url())); });
await page.goto('http://127.0.0.1:4491/docs/go-trace/tools/open-a-trace/');
await page.locator('input[type="file"]').setInputFiles(process.argv[2]);
await page.waitForSelector('trace-opener[data-state="ready"]', { timeout: 120000 });
const t0 = Date.now();
await page.locator('trace-opener [role="tab"][data-tab="goroutines"]').click();
for (let i = 0; i < 40; i++) {
  await page.waitForTimeout(3000);
  const s = await page.evaluate(() => [document.querySelector('.tv-analysis-status')?.textContent, document.querySelector('.tv-panel[data-view="goroutines"]')?.textContent?.slice(0, 100)]);
  console.log(((Date.now() - t0) / 1000).toFixed(0), JSON.stringify(s));
  if (await page.locator('.tv-view[data-ready="true"]').count()) break;
}
for (const v of ['profiles', 'regions', 'mmu']) {
  const t1 = Date.now();
  await page.locator(`trace-opener [role="tab"][data-tab="${v}"]`).click();
  await page.waitForSelector(`.tv-panel[data-view="${v}"] .tv-view[data-ready="true"]`, { timeout: 60000 }).catch((e) => console.log('timeout', v));
  console.log(v, (Date.now() - t1) / 1000);
}
await browser.close();

import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
const file = process.argv[2];
const url = process.env.URL ?? 'http://127.0.0.1:4390/docs/go-trace/tools/open-a-trace/';
function rss(): number { let total = 0; for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) { try { const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); if (!cmd.includes('--type=renderer') || !cmd.includes('chromium')) continue; const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')); if (m) total += Number(m[1]); } catch {} } return total / 1024; }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(url);
const t0 = Date.now();
const samples: string[] = [];
const timer = setInterval(() => samples.push(`${((Date.now() - t0) / 1000).toFixed(1)}:${rss().toFixed(0)}`), 250);
await page.locator('input[type="file"]').setInputFiles(file);
await page.waitForSelector('trace-opener[data-state="ready"], trace-opener[data-state="error"]', { timeout: 600_000 });
const tReady = (Date.now() - t0) / 1000;
await page.waitForTimeout(1500);
clearInterval(timer);
console.log('ready at', tReady, 's');
console.log(samples.join(' '));
await browser.close();

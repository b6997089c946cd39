import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
function rss(): string { const out: string[] = []; for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) { try { const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); if (!cmd.includes('chromium')) continue; const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')); const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser'; if (m) out.push(`${type}:${(Number(m[1]) / 1024).toFixed(0)}`); } catch {} } return out.join(' '); }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto('http://127.0.0.1:4390/docs/go-trace/tools/open-a-trace/');
await page.waitForTimeout(1000);
console.log('page loaded:', rss());
await page.locator('input[type="file"]').setInputFiles(process.argv[2]);
await page.waitForTimeout(300);
console.log('file set +0.3s:', rss());
await browser.close();

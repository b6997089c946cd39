import { defineConfig } from '@playwright/test';
import { E2E_PORT, SITE_BASE } from './e2e/site.ts';

/**
 * Browser tests run Debian's chromium (never a downloaded browser) against the production build,
 * served by nginx with deploy/nginx's configuration under a sub-path, exactly as it is hosted.
 * scripts/test.sh builds dist/ with SITE_BASE=/docs/go-trace/ before these run.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${SITE_BASE}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: `bash scripts/serve-nginx.sh ${E2E_PORT} ${SITE_BASE}`,
    url: `http://127.0.0.1:${E2E_PORT}${SITE_BASE}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});

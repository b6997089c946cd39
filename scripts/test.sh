#!/usr/bin/env bash
# The one command that runs every test on a fresh machine (README: `npm test`):
# system packages if missing, npm dependencies, a production build under a sub-path, unit tests
# (Vitest, including the parser suites and the differential tests against Go), then browser tests
# (Playwright driving Debian's chromium against that build served by nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh
bash scripts/ensure-deps.sh

export ASTRO_TELEMETRY_DISABLED=1
echo "== build (SITE_BASE=/docs/go-trace/)"
SITE_BASE=/docs/go-trace/ npx astro build --silent

echo "== unit tests"
npx vitest run

echo "== browser tests"
npx playwright test

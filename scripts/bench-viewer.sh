#!/usr/bin/env bash
# The trace viewer benchmark in one command: builds the site under /docs/go-trace/, serves it with
# nginx (as the browser tests do) on BENCH_PORT (default 4390), runs scripts/bench-viewer.ts against
# it in Debian's chromium, and stops the server. Prints figures only. Needs Go 1.23 to write the
# large traces the first time (kept in $BENCH_DIR); BENCH_SIZES=25,100,300 picks the sizes in MiB.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
port=${BENCH_PORT:-4390}
base=/docs/go-trace/
bash scripts/ensure-deps.sh
SITE_BASE=$base ASTRO_TELEMETRY_DISABLED=1 npx astro build >/dev/null
bash scripts/serve-nginx.sh "$port" "$base" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port$base" >/dev/null && break; sleep 0.2; done
BENCH_URL="http://127.0.0.1:$port$base" npx node scripts/bench-viewer.ts

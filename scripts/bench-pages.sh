#!/usr/bin/env bash
# Page weight in one command: builds the site under /docs/go-trace/, serves it with nginx (as the browser
# tests do) on BENCH_PORT (default 4391), prints the JavaScript each page loads before interaction
# (scripts/bench-pages.ts), and stops the server. BENCH_NO_BUILD=1 reuses an existing sub-path build.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
port=${BENCH_PORT:-4391}
base=/docs/go-trace/
bash scripts/ensure-deps.sh
[ -n "${BENCH_NO_BUILD:-}" ] || SITE_BASE=$base ASTRO_TELEMETRY_DISABLED=1 npx astro build --silent
bash scripts/serve-nginx.sh "$port" "$base" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port$base" >/dev/null && break; sleep 0.2; done
BENCH_URL="http://127.0.0.1:$port$base" npx node scripts/bench-pages.ts

#!/usr/bin/env bash
# README: `npm start` — installs dependencies if needed, builds the site and serves the build at
# http://127.0.0.1:4321/ (the build, not the dev server, so that search works: its index is made at build).
# For editing with live reload use `npm run dev` (everything but search).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export ASTRO_TELEMETRY_DISABLED=1
npx astro build --silent
echo "Go Trace Field Guide: http://127.0.0.1:${PORT:-4321}${SITE_BASE:-/}"
exec npx astro preview --host 127.0.0.1 --port "${PORT:-4321}"

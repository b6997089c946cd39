#!/usr/bin/env bash
# README: `npm start` — installs dependencies if needed and serves the guide at http://localhost:4321/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export ASTRO_TELEMETRY_DISABLED=1
exec npx astro dev --host 127.0.0.1 "$@"

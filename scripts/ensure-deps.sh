#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than the lockfile, so the README's
# commands work on a fresh clone. Runs with whatever Node is on PATH; the project's own Node 24 comes
# from the `node` devDependency and is put first on PATH by npm run/npx.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/astro ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci" >&2
  npm ci --no-audit --no-fund
fi

#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than the lockfile, so the README's
# commands work on a fresh clone. Runs with whatever Node is on PATH; the project's own Node 24 comes
# from the `node` devDependency and is put first on PATH by npm run/npx.
set -euo pipefail
cd "$(dirname "$0")/.."
# A node_modules that is a symlink (a git worktree sharing another checkout's) is that checkout's to
# install: npm ci here would empty the folder it points to, under every other worktree using it.
if [ -L node_modules ]; then
  [ -x node_modules/.bin/astro ] || { echo "node_modules is a symlink to a folder without the dependencies: install them there" >&2; exit 1; }
  exit 0
fi
if [ ! -x node_modules/.bin/astro ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 22 ]; then
    # npm would print an EBADENGINE warning for every package that asks for Node 22+ (about a dozen,
    # five lines each): expected here, since those packages only ever run on the Node 24 installed now.
    echo "== npm ci (with Node $(node -v); the project runs on the Node 24 it installs, so engine warnings are not shown)" >&2
    npm ci --no-audit --no-fund --loglevel=error
  else
    echo "== npm ci" >&2
    npm ci --no-audit --no-fund
  fi
fi

#!/usr/bin/env bash
# Builds goanalyses (tests/analysis/go-reference/main.go): what go tool trace computes for its
# goroutines, regions, tasks and MMU pages, as JSON, with Go 1.27's own internal/trace.
# internal/trace is importable only from inside GOROOT, so the program is built in the copy of
# Go 1.27's GOROOT that refdump uses (../shared/tools/go-reader/build.sh makes it, patched by
# deterministic.patch.py to order equal-time events as our reader does: the Summarizer and the
# utilization functions depend on that order).
# usage: scripts/go-analyses-reference.sh -> prints the binary's path (/tmp/refdump-1.27/goanalyses)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchains.sh
build=../shared/tools/go-reader/build.sh
[ -f "$build" ] || { echo "needs $build (the ../shared folder beside the repository)" >&2; exit 2; }
refdump=$(GOROOT_FROM="$(go_root 1.27)" bash "$build" 1.27 | tail -1)
root=$(dirname "$refdump")/goroot
cmd=$root/src/internal/trace/testdata/cmd/goanalyses
mkdir -p "$cmd"
cp tests/analysis/go-reference/main.go "$cmd/main.go"
out=$(dirname "$refdump")/goanalyses
(cd "$cmd" && GOROOT=$root GOTOOLCHAIN=local GOFLAGS= GO111MODULE= GOPROXY=off "$root/bin/go" build -o "$out" .)
echo "$out"

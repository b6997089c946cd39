#!/usr/bin/env bash
# Re-records every playground trace and regenerates playground/traces/manifest.json.
# Builds the native scenario runner with each Go toolchain (1.23 and 1.22), runs every recording
# with GOMAXPROCS=4, and checks each trace with Go 1.23's `go tool trace -d=1`.
# Usage: bash playground/scripts/record-traces.sh [-only SUBSTRING]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GO123="${GO123:-/usr/lib/go-1.23/bin/go}"
GO122="${GO122:-/usr/lib/go-1.22/bin/go}"
for g in "$GO123" "$GO122"; do
  [ -x "$g" ] || { echo "record-traces: $g not found (set GO123/GO122)" >&2; exit 1; }
done
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT/playground/go"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=0
# Go 1.22 builds the module too: go.mod says "go 1.23", so build it with a 1.22 go.mod copy.
"$GO123" build -trimpath -o "$TMP/scenario-1.23" ./cmd/scenario
mkdir -p "$TMP/src122"
cp -r "$ROOT/playground/go/." "$TMP/src122/"
sed -i 's/^go 1\.23.*/go 1.22/' "$TMP/src122/go.mod"
(cd "$TMP/src122" && "$GO122" build -trimpath -o "$TMP/scenario-1.22" ./cmd/scenario)
"$GO123" build -o "$TMP/manifest" ./cmd/manifest
mkdir -p "$ROOT/playground/traces"
"$TMP/manifest" -go "$GO123" -runner "go1.23=$TMP/scenario-1.23" -runner "go1.22=$TMP/scenario-1.22" \
  -out "$ROOT/playground/traces" "$@"

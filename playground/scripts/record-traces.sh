#!/usr/bin/env bash
# Re-records the playground traces and regenerates playground/traces/manifest.json.
# Builds the native scenario runner with Go 1.27 and records every scenario with GOMAXPROCS=4,
# checking each trace with Go 1.27's `go tool trace -d=parsed`. The older recordings are kept as
# they are, their facts computed again with Go 1.27: Go 1.22's late-start (lesson 2.2's version
# comparison; --go1.22 records them again) and one Go 1.23 recording (an os.Exit cut in the format
# before Go 1.26, which the truncated-trace exercise compares; playground/traces/README.md).
# Usage: bash playground/scripts/record-traces.sh [--go1.22] [-only SUBSTRING]
#   -only records the recordings whose file name holds SUBSTRING and leaves every other entry of
#   manifest.json as it is (npm run traces -- -only slow-request).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/scripts/toolchains.sh"
WITH122=0
if [ "${1:-}" = "--go1.22" ]; then WITH122=1; shift; fi
GO127="$(go_bin 1.27)"
GO122="$(go_bin 1.22)"
[ -x "$GO127" ] || { echo "record-traces: $GO127 not found (scripts/setup-system.sh unpacks it; GOROOT_1_27 overrides)" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT/playground/go"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=0
"$GO127" build -trimpath -o "$TMP/scenario-1.27" ./cmd/scenario
"$GO127" build -o "$TMP/manifest" ./cmd/manifest
RUNNERS=(-runner "go1.27=$TMP/scenario-1.27")
KEEP=(-keep go1.23)
if [ "$WITH122" = 1 ]; then
  [ -x "$GO122" ] || { echo "record-traces: $GO122 not found (GOROOT_1_22 overrides)" >&2; exit 1; }
  # go.mod says "go 1.27", which Go 1.22 refuses: build a copy whose go.mod says "go 1.22" (the
  # flight recorder, Go 1.25+, is left out by its build tag).
  mkdir -p "$TMP/src122"
  cp -r "$ROOT/playground/go/." "$TMP/src122/"
  sed -i 's/^go 1\.[0-9]*.*/go 1.22/' "$TMP/src122/go.mod"
  (cd "$TMP/src122" && "$GO122" build -trimpath -o "$TMP/scenario-1.22" ./cmd/scenario)
  RUNNERS+=(-runner "go1.22=$TMP/scenario-1.22")
else
  KEEP+=(-keep go1.22)
fi
mkdir -p "$ROOT/playground/traces"
"$TMP/manifest" -go "$GO127" "${RUNNERS[@]}" "${KEEP[@]}" -out "$ROOT/playground/traces" "$@"

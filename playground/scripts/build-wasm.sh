#!/usr/bin/env bash
# Builds the playground's scenarios into WebAssembly binaries for the browser, each holding the
# scenarios some pages run, so that a Run button downloads only what its scenario links:
#   public/go/scenarios.wasm  cmd/wasm: every lesson's scenario (package scenarios)
#   public/go/casestudy.wasm  cmd/casestudy-wasm: chapter 6's slow-request, whose HTTP service
#                             links net/http (which more than doubles a binary)
# with public/go/wasm_exec.js (from the same Go release) and public/go/build-info.json: the Go
# release, the build flags, the source hash, and for each binary its sha256, sizes and catalogue
# (what it prints for -names), from which the page picks a scenario's binary
# (playground/scripts/go-build-info.ts writes it).
# sourceHash is the sha256 of "<path>\0<sha256 of file>\n" lines over the sorted Go sources
# (go.mod and every *.go file under playground/go), so a test can tell whether the committed
# binaries were built from the current sources (tests/playground/scenarios-native.test.ts).
# The build is reproducible: the same sources give the same bytes, in any checkout, at any commit
# (-trimpath drops the paths, -buildvcs=false the commit and dirty state Go would stamp in a git
# checkout). GO_WASM_OUT=DIR writes everything to DIR instead of public/go (a test rebuilds there).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/scripts/toolchains.sh"
GO="$(go_bin 1.27)"
[ -x "$GO" ] || { echo "build-wasm: Go 1.27 not found at $GO (scripts/setup-system.sh unpacks it; GOROOT_1_27 overrides)" >&2; exit 1; }
GOROOT="$("$GO" env GOROOT)"
OUT="${GO_WASM_OUT:-$ROOT/public/go}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# Each binary: its file in public/go and the main package whose imports say what it holds.
BINARIES=(scenarios.wasm=./cmd/wasm casestudy.wasm=./cmd/casestudy-wasm)
BUILD_FLAGS=(-trimpath -buildvcs=false "-ldflags=-s -w")

cd "$ROOT/playground/go"
for b in "${BINARIES[@]}"; do
  GOOS=js GOARCH=wasm CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off \
    "$GO" build "${BUILD_FLAGS[@]}" -o "$OUT/${b%%=*}.tmp" "${b#*=}"
done
# Every binary is built before any replaces the committed one: a failed build leaves them all as
# they were.
for b in "${BINARIES[@]}"; do mv "$OUT/${b%%=*}.tmp" "$OUT/${b%%=*}"; done
# wasm_exec.js must come from the release that built the .wasm (lib/wasm since Go 1.24).
[ -f "$GOROOT/lib/wasm/wasm_exec.js" ] || { echo "build-wasm: $GOROOT/lib/wasm/wasm_exec.js not found" >&2; exit 1; }
cp "$GOROOT/lib/wasm/wasm_exec.js" "$OUT/wasm_exec.js"

cd "$ROOT"
# The project's Node (npx node), which runs TypeScript; the machine's may be older.
npx node playground/scripts/go-build-info.ts --out "$OUT" --go "$("$GO" env GOVERSION)" \
  --source-hash "$(bash playground/scripts/source-hash.sh)" \
  "${BINARIES[@]/#/--binary=}" -- "${BUILD_FLAGS[@]}"

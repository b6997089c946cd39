#!/usr/bin/env bash
# Builds every playground scenario into one WebAssembly binary for the browser:
#   public/go/scenarios.wasm, public/go/wasm_exec.js (from the same Go release) and
#   public/go/build-info.json {go, sourceHash, wasmSha256, wasmBytes}.
# sourceHash is the sha256 of "<path>\0<sha256 of file>\n" lines over the sorted Go sources
# (go.mod and every *.go file under playground/go), so a test can tell whether the committed
# .wasm was built from the current sources (tests/playground/scenarios-native.test.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/scripts/toolchains.sh"
GO="$(go_bin 1.27)"
[ -x "$GO" ] || { echo "build-wasm: Go 1.27 not found at $GO (scripts/setup-system.sh unpacks it; GOROOT_1_27 overrides)" >&2; exit 1; }
GOROOT="$("$GO" env GOROOT)"
OUT="$ROOT/public/go"
mkdir -p "$OUT"
cd "$ROOT/playground/go"
GOOS=js GOARCH=wasm CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off \
  "$GO" build -trimpath -ldflags="-s -w" -o "$OUT/scenarios.wasm.tmp" ./cmd/wasm
mv "$OUT/scenarios.wasm.tmp" "$OUT/scenarios.wasm"
# wasm_exec.js must come from the release that built the .wasm (lib/wasm since Go 1.24).
[ -f "$GOROOT/lib/wasm/wasm_exec.js" ] || { echo "build-wasm: $GOROOT/lib/wasm/wasm_exec.js not found" >&2; exit 1; }
cp "$GOROOT/lib/wasm/wasm_exec.js" "$OUT/wasm_exec.js"
SOURCE_HASH="$(bash "$ROOT/playground/scripts/source-hash.sh")"
WASM_SHA="$(sha256sum "$OUT/scenarios.wasm" | cut -d' ' -f1)"
WASM_BYTES="$(stat -c %s "$OUT/scenarios.wasm")"
GOVERSION="$("$GO" env GOVERSION)"
cat > "$OUT/build-info.json" <<JSON
{
  "go": "$GOVERSION",
  "goos": "js",
  "goarch": "wasm",
  "flags": "-trimpath -ldflags=-s -w",
  "sourceHash": "$SOURCE_HASH",
  "sourceHashOf": "sha256 over sorted lines '<path relative to playground/go>\\\\0<sha256 hex>\\\\n' for go.mod and every *.go file",
  "wasmSha256": "$WASM_SHA",
  "wasmBytes": $WASM_BYTES
}
JSON
echo "public/go/scenarios.wasm: $WASM_BYTES bytes, sha256 $WASM_SHA"
echo "source hash: $SOURCE_HASH"

#!/usr/bin/env bash
# Prints the source hash of playground/go: sha256 over the sorted lines
# "<path relative to playground/go>\0<sha256 hex of the file>\n" for go.mod and every *.go file.
# tests/playground/scenarios-native.test.ts computes the same in TypeScript.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT/playground/go"
find . -type f \( -name '*.go' -o -name go.mod \) | sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r f; do
  printf '%s\0%s\n' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"
done | sha256sum | cut -d' ' -f1

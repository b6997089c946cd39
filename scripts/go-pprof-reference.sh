#!/usr/bin/env bash
# Go 1.27's own `go tool trace -pprof=KIND` and `go tool pprof`, built once from its GOROOT, for
# tests/analysis/go-pprof.test.ts (the differential test of src/analysis/go/pprof.ts).
#
#   scripts/go-pprof-reference.sh build   builds both into $FIELD_GUIDE_CACHE/go-pprof-1.27/ (if not
#                                         there yet) and prints that folder
#   scripts/go-pprof-reference.sh known   rewrites tests/analysis/go-pprof-known.json: what Go's tool
#                                         says about the case study's broken trace (its sync
#                                         profile's top stack and total delay), for the unit test
#
# The tools are built from the unpatched GOROOT: Go 1.27's reader already orders equal-time events
# deterministically (generation.go's batchMs, first-seen order), which is all that
# deterministic.patch.py of refdump changes for Go 1.22+ traces, so go tool trace reads these
# traces exactly as refdump and our reader do. (Go 1.21's old format would need the patch: the
# test records with Go 1.26 and 1.27 only.) Go's `go tool trace` and `go tool pprof` are these
# same commands, built into the go build cache on first use; building them here makes the test
# independent of that cache and of GOROOT/pkg/tool.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/toolchains.sh"
root=$(go_root 1.27)
out=$FIELD_GUIDE_CACHE/go-pprof-1.27

build() {
  [ -x "$root/bin/go" ] || { echo "needs Go 1.27 at $root (scripts/setup-system.sh)" >&2; exit 2; }
  mkdir -p "$out"
  for cmd in trace pprof; do
    if [ ! -x "$out/$cmd" ] || [ "$out/$cmd" -ot "$root/bin/go" ]; then
      GOROOT=$root GOTOOLCHAIN=local GOFLAGS= GOPROXY=off "$root/bin/go" build -o "$out/$cmd.tmp" "cmd/$cmd"
      mv "$out/$cmd.tmp" "$out/$cmd"
    fi
  done
  echo "$out"
}

case "${1:-build}" in
  build) build ;;
  known)
    build >/dev/null
    repo=$(cd "$here/.." && pwd)
    trace=playground/traces/slow-request-broken.go1.27.trace
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$repo" && "$out/trace" -pprof=sync "$trace" >"$tmp/sync.pb")
    "$out/pprof" -raw "$tmp/sync.pb" >"$tmp/sync.raw" 2>/dev/null
    python3 - "$tmp/sync.raw" "$trace" >"$repo/tests/analysis/go-pprof-known.json" <<'EOF'
import json, re, sys
lines = open(sys.argv[1]).read().split('\n')
i, j = lines.index('Samples:'), lines.index('Locations')
k = next(n for n in range(j, len(lines)) if lines[n].startswith('Mappings'))
funcs = {}
for l in lines[j + 1:k]:
    m = re.match(r'\s*(\d+): 0x[0-9a-f]+ M=\d+ (\S*) ', l)
    funcs[m.group(1)] = m.group(2)
samples = []
for l in lines[i + 2:j]:
    if l.strip():
        vals, ids = l.split(':', 1)
        count, delay = map(int, vals.split())
        samples.append((delay, count, [funcs[x] for x in ids.split()]))
samples.sort(key=lambda s: -s[0])
top = samples[0]
print(json.dumps({
    'about': 'go tool trace -pprof=sync (Go 1.27) of this trace, read with go tool pprof -raw; made by scripts/go-pprof-reference.sh known',
    'trace': sys.argv[2],
    'kind': 'sync',
    'stacks': len(samples),
    'totalDelay': sum(s[0] for s in samples),
    'totalCount': sum(s[1] for s in samples),
    'top': {'delay': top[0], 'count': top[1], 'funcs': top[2]},
    'topMutex': next({'delay': s[0], 'count': s[1], 'funcs': s[2]} for s in samples if s[2] and s[2][0] == 'sync.(*Mutex).Lock'),
}, indent=2))
EOF
    echo "wrote tests/analysis/go-pprof-known.json"
    ;;
  *) echo "usage: $0 [build|known]" >&2; exit 2 ;;
esac

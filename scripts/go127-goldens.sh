#!/usr/bin/env bash
# Writes the Go 1.27 goldens: for every fixture trace with a Go 1.23 golden (NAME.golden),
# and for those Go 1.23 cannot read (go123-sync; the go 1.25 and 1.26 formats: go125-sync,
# real/*-go1.27.trace), NAME.go127.golden (gzipped
# as NAME.go127.golden.gz where the Go 1.23 golden is), what Go 1.27.3's reader prints for it
# (`refdump dump`, ../shared/tools/go-reader, built from Go 1.27's source; TZ=UTC, since Go
# prints clock snapshots in local time). go125-sync.trace, which Go 1.23 could not write, is
# made from its .test by Go 1.27's raw writer (`refdump test2bin`) first.
# usage: scripts/go127-goldens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchains.sh
refdump=$(GOROOT_FROM="$(go_root 1.27)" bash ../shared/tools/go-reader/build.sh 1.27 | tail -1)
tests=tests/fixtures/go-trace-testdata/tests
"$refdump" test2bin "$tests/go125-sync.test" "$tests/go125-sync.trace" > /dev/null
for dir in tests/fixtures/go-trace-testdata/tests tests/fixtures/go-trace-testdata/real tests/fixtures/go-trace-testdata/v1 \
  tests/fixtures/extra tests/trace/fuzz-regressions; do
  for trace in "$dir"/*.trace; do
    base=${trace%.trace}
    rm -f "$base.go127.golden" "$base.go127.golden.gz"
    case $base in
      */go123-sync) ;;
      *) [ -f "$base.golden" ] || [ -f "$base.golden.gz" ] || head -c 16 "$trace" | grep -q 'go 1.2[56] trace' || continue ;;
    esac
    if [ -f "$base.golden.gz" ]; then
      TZ=UTC "$refdump" dump "$trace" | gzip -9n > "$base.go127.golden.gz"
    else
      TZ=UTC "$refdump" dump "$trace" > "$base.go127.golden"
    fi
  done
done

#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing. Idempotent and quiet when all is there.
#   - chromium (browser tests) and nginx (the hosting test), from the machine's own release;
#   - Go 1.21-1.23 with Go 1.23's source, from bookworm-backports: old-format recordings and the
#     tests that compare versions (Go 1.23 is out of support; it stays only for those);
#   - Go 1.26 and 1.27 (the reference) with their source, from Debian unstable, unpacked under
#     $FIELD_GUIDE_CACHE/debian-sid by scripts/debian-unstable.sh, never installed with apt: apt
#     would replace this Debian 12 system's libc. scripts/toolchains.sh says where each Go lives.
#   - golang.org/x/exp and OpenTelemetry Go's SDK, contrib and Collector (source only), the same way.
# The Debian mirror is the one the machine's apt already uses (scripts/debian-mirror.sh).
# apt needs root (or sudo); without either it says what is missing, and the tests that need it say so
# too (and fail under CI=true, which never skips). Unpacking from unstable needs no root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/toolchains.sh"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || missing+=(nginx)
go_missing=()
for v in 1.21 1.22 1.23; do [ -x "$(go_root "$v")/bin/go" ] || go_missing+=("golang-$v-go"); done
[ -d "$(go_root 1.23)/src/internal/trace" ] || go_missing+=(golang-1.23-src)

if [ ${#missing[@]} -gt 0 ] || [ ${#go_missing[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO=sudo; else
      echo "setup-system: missing ${missing[*]} ${go_missing[*]}; install them as root to run every test" >&2
      missing=(); go_missing=()
    fi
  fi
fi
if [ ${#missing[@]} -gt 0 ] || [ ${#go_missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt="$SUDO apt-get -o DPkg::Lock::Timeout=600 -y -qq"
  if [ ${#go_missing[@]} -gt 0 ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb $(bash "$here/debian-mirror.sh") bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
  fi
  echo "setup-system: installing ${missing[*]} ${go_missing[*]}" >&2
  $apt update >/dev/null
  [ ${#missing[@]} -eq 0 ] || $apt install "${missing[@]}" >/dev/null
  [ ${#go_missing[@]} -eq 0 ] || $apt install -t bookworm-backports "${go_missing[@]}" >/dev/null
fi

# Go source packages from Debian unstable, unpacked under $SID_PREFIX/usr/share/gocode (a GOPATH for
# GO111MODULE=off builds): golang.org/x/exp/trace for lesson 5.1's blockrate program
# (tests/site/blockrate.test.ts), and OpenTelemetry Go's SDK, contrib and Collector with what they
# import (playground/otel/debian-packages.txt). debian-unstable.sh skips what is already unpacked.
sid=()
for v in 1.26 1.27; do
  [ -x "$(go_root "$v")/bin/go" ] || sid+=("golang-$v-go")
  [ -d "$(go_root "$v")/src/internal/trace" ] || sid+=("golang-$v-src")
done
sid+=(golang-golang-x-exp-dev)
while read -r p; do
  case "$p" in ''|'#'*) ;; *) sid+=("$p") ;; esac
done < "$here/../playground/otel/debian-packages.txt"
if command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then
  bash "$here/debian-unstable.sh" "$SID_PREFIX" "${sid[@]}" ||
    echo "setup-system: could not unpack ${sid[*]} from Debian unstable" >&2
else
  echo "setup-system: apt-get/dpkg-deb are not here to unpack Go and OpenTelemetry from Debian unstable" >&2
fi
exit 0

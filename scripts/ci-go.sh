#!/usr/bin/env bash
# Installs the Go toolchains the trace tests compare against (Go 1.21, 1.22 and
# 1.23 with its source, from Debian bookworm-backports) when they are missing.
# Idempotent and quiet: does nothing when /usr/lib/go-1.2{1,2,3}/bin/go and the
# Go 1.23 source (internal/trace) are already there. Needs root (or sudo).
# Used by .ci/run before the differential test (tests/trace/differential.test.ts).
set -euo pipefail

have_all() {
  [ -x /usr/lib/go-1.21/bin/go ] && [ -x /usr/lib/go-1.22/bin/go ] && [ -x /usr/lib/go-1.23/bin/go ] &&
    [ -d /usr/lib/go-1.23/src/internal/trace ]
}
have_all && exit 0

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "ci-go.sh: need root or sudo to install Go" >&2; exit 1; }
  SUDO=sudo
fi

list=/etc/apt/sources.list.d/bookworm-backports.list
if ! grep -rqs '^deb .*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee "$list" >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
# dpkg may be busy (another install in progress): wait for the lock rather than fail.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq -t bookworm-backports \
  golang-1.23-go golang-1.23-src golang-1.22-go golang-1.21-go >/dev/null

have_all || { echo "ci-go.sh: Go toolchains still missing after install" >&2; exit 1; }

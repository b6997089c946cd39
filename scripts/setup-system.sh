#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: chromium (browser tests), nginx (the
# hosting test) and Go 1.21-1.23 with Go 1.23's source from bookworm-backports (differential tests
# against Go's own reader, re-running the Go scenarios). Idempotent and quiet when all is there.
# Needs root (or sudo) for apt; without either it says what is missing, and the tests that need it
# say so too (and fail under CI=true, which never skips).
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || missing+=(nginx)
go_missing=()
for v in 1.21 1.22 1.23; do [ -x /usr/lib/go-$v/bin/go ] || go_missing+=("golang-$v-go"); done
[ -d /usr/lib/go-1.23/src/internal/trace ] || go_missing+=(golang-1.23-src)
[ ${#missing[@]} -eq 0 ] && [ ${#go_missing[@]} -eq 0 ] && exit 0

SUDO=
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "setup-system: missing ${missing[*]} ${go_missing[*]}; install them as root to run every test" >&2
    exit 0
  fi
  SUDO=sudo
fi

export DEBIAN_FRONTEND=noninteractive
apt="$SUDO apt-get -o DPkg::Lock::Timeout=600 -y -qq"
if [ ${#go_missing[@]} -gt 0 ] && ! grep -rqs '^deb .*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
fi
echo "setup-system: installing ${missing[*]} ${go_missing[*]}" >&2
$apt update >/dev/null
[ ${#missing[@]} -eq 0 ] || $apt install "${missing[@]}" >/dev/null
[ ${#go_missing[@]} -eq 0 ] || $apt install -t bookworm-backports "${go_missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: chromium (browser tests), nginx (the
# hosting test) and Go 1.21-1.23 from bookworm-backports (differential tests against Go's own reader
# and re-running the Go scenarios). Idempotent and quiet when everything is there.
# Needs root for apt; without it, it says what is missing and the tests that need it will say so too.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || missing+=(nginx)
go_missing=()
for v in 1.21 1.22 1.23; do [ -x /usr/lib/go-$v/bin/go ] || go_missing+=("golang-$v-go"); done
[ -d /usr/lib/go-1.23/src/internal/trace ] || go_missing+=(golang-1.23-src)

[ ${#missing[@]} -eq 0 ] && [ ${#go_missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing ${missing[*]} ${go_missing[*]}; run as root (or apt-get install them) to run every test" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#go_missing[@]} -gt 0 ] && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/bookworm-backports.list
fi
echo "setup-system: installing ${missing[*]} ${go_missing[*]}" >&2
apt-get update -qq
[ ${#missing[@]} -gt 0 ] && apt-get install -y -qq "${missing[@]}" >/dev/null
[ ${#go_missing[@]} -gt 0 ] && apt-get install -y -qq -t bookworm-backports "${go_missing[@]}" >/dev/null
exit 0

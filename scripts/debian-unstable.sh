#!/usr/bin/env bash
# Unpacks packages from Debian's unstable suite (sid) under a prefix, without installing them.
# Installing them with apt on Debian 12 would pull in unstable's libc6 and much else. Go toolchains
# are statically linked and Go -dev packages are only source, so an unpacked tree works as it is:
#
#   scripts/debian-unstable.sh PREFIX PACKAGE...
#     PREFIX/usr/lib/go-1.27/bin/go          golang-1.27-go (+ golang-1.27-src for GOROOT/src)
#     PREFIX/usr/share/gocode/src/...        golang-*-dev: a GOPATH for GO111MODULE=off builds
#
# The mirror is the one this machine's apt already uses (scripts/debian-mirror.sh); the project
# names no package host. Downloads and package lists are cached in PREFIX/.debs, and a package
# already unpacked is not fetched again, so a second run costs nothing. The package lists are
# refreshed at most once a day. Needs apt-get, dpkg-deb and the mirror; no root.
set -euo pipefail
prefix=${1:?usage: debian-unstable.sh PREFIX PACKAGE...}; shift
[ $# -gt 0 ] || { echo "usage: debian-unstable.sh PREFIX PACKAGE..." >&2; exit 2; }
mirror=$(bash "$(dirname "$0")/debian-mirror.sh")
state=$prefix/.debs
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc" "$state/done"

todo=()
for p in "$@"; do [ -e "$state/done/$p" ] || todo+=("$p"); done
[ ${#todo[@]} -eq 0 ] && exit 0

echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$state/etc/sources.list"
# A private apt: its own sources, lists and cache; the system's dpkg status only so apt can resolve.
apt_opts=(-o Dir::Etc::sourcelist="$state/etc/sources.list" -o Dir::Etc::sourceparts=-
          -o Dir::State::Lists="$state/lists" -o Dir::Cache="$state/cache"
          -o Dir::State::status=/var/lib/dpkg/status -o Debug::NoLocking=1)
[ "$(id -u)" = 0 ] && apt_opts+=(-o APT::Sandbox::User=root)
if [ -z "$(find "$state/lists" -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
  echo "debian-unstable: reading the package lists of $mirror sid" >&2
  apt-get "${apt_opts[@]}" -qq update
fi
echo "debian-unstable: unpacking ${todo[*]} into $prefix" >&2
( cd "$state/cache/archives" && apt-get "${apt_opts[@]}" -qq download "${todo[@]}" )
for p in "${todo[@]}"; do
  deb=$(ls -t "$state/cache/archives/${p}_"*.deb | sed -n 1p)
  dpkg-deb -x "$deb" "$prefix"
  touch "$state/done/$p"
done

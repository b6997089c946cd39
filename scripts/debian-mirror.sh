#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt already uses for its own release (the URI of the
# first source, deb822 or one-line, that serves the release's main suite), so the project never
# writes a package host of its own.
set -eu   # no pipefail: the first mirror is enough, and what follows it may meet a closed pipe
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
mirror=$(
  {
    # deb822: a stanza is a block of "Key: value" lines; take URIs from one whose Suites has the release.
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v rel="$codename" '
      function take() { if (uri != "" && index(suites " ", " " rel " ")) print uri; uri = ""; suites = "" }
      /^[ \t]*$/ { take(); next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { $1 = ""; suites = $0 }
      END { take() }'
    # one-line: deb [options] URI SUITE COMPONENT...
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk -v rel="$codename" '
      /^deb / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { if ($(i + 1) == rel) print $i; break } }'
  } | head -n 1
)
[ -n "$mirror" ] || { echo "debian-mirror: no $codename source found in the apt sources" >&2; exit 2; }
echo "${mirror%/}"

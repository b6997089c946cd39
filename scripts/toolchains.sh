# Where each Go toolchain lives; sourced by the scripts (scripts/toolchains.ts says the same for Node).
#   go_root 1.27    GOROOT of Go 1.27 (prints a path; the toolchain may not be there yet)
#   go_bin 1.27     its go command
# Go 1.21-1.23 are Debian packages from bookworm-backports under /usr/lib/go-1.NN. Go 1.26 and 1.27
# come from Debian unstable, unpacked (never installed) under $SID_PREFIX by scripts/setup-system.sh.
# GOROOT_1_27=... (and so on) overrides one of them.
FIELD_GUIDE_CACHE=${FIELD_GUIDE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/go-trace-field-guide}
SID_PREFIX=${SID_PREFIX:-$FIELD_GUIDE_CACHE/debian-sid}

go_root() {
  local var="GOROOT_${1//./_}"
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  case "$1" in
    1.26|1.27) echo "$SID_PREFIX/usr/lib/go-$1" ;;
    *) echo "/usr/lib/go-$1" ;;
  esac
}
go_bin() { echo "$(go_root "$1")/bin/go"; }

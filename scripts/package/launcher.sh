#!/bin/sh
# gaussdb-top @VERSION@ for Linux on @MACHINE@, in one file: this POSIX sh launcher, then a gzip-compressed
# tar of the official Node.js @NODE_VERSION@ runtime (stripped) and the application as npm installs it.
# The first run checks the payload's SHA-256 and unpacks it, once, into the user's own cache directory
# (mode 0700); every run starts it from there, with the V8 flags of bin/gaussdb-top.js.
# Built by scripts/package.js from scripts/package/launcher.sh; README.md, "Install on a bastion".
set -u
version='@VERSION@'
node_version='@NODE_VERSION@'
machine='@MACHINE@'
glibc_needed='@GLIBC_NEEDED@'
payload_sha256='@PAYLOAD_SHA256@'
payload_offset=@PAYLOAD_OFFSET@
unpacked="@UNPACKED_NAME@"

fail() {
  printf 'gaussdb-top: %s\n' "$*" >&2
  exit 1
}

# "2.17" at least "2.28"? Major and minor, compared as numbers.
at_least() {
  found_major=${1%%.*} found_minor=${1#*.} needed_major=${2%%.*} needed_minor=${2#*.}
  found_minor=${found_minor%%.*} needed_minor=${needed_minor%%.*}
  case "$found_major$found_minor" in '' | *[!0-9]*) return 1 ;; esac
  [ "$found_major" -gt "$needed_major" ] ||
    { [ "$found_major" -eq "$needed_major" ] && [ "$found_minor" -ge "$needed_minor" ]; }
}

# What the runtime needs of the machine, checked before it starts: a loader error says none of it.
# GAUSSDB_TOP_RUNNER runs it under user-mode emulation instead (qemu-aarch64-static, as CI does).
system=$(uname -sm)
if [ -z "${GAUSSDB_TOP_RUNNER:-}" ] && [ "$system" != "Linux $machine" ]; then
  fail "this file runs on Linux $machine, this machine is $system"
fi
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null) || glibc=
case "$glibc" in
  'glibc '*) glibc=${glibc#glibc } ;;
  *) case "$(ldd --version 2>&1)" in *musl*) glibc='musl libc' ;; *) glibc='no glibc' ;; esac ;;
esac
at_least "$glibc" "$glibc_needed" ||
  fail "needs glibc $glibc_needed or newer (Node.js $node_version), found $glibc"

# The user's cache directory, as XDG says (a relative XDG_CACHE_HOME is ignored), and Node.js's
# home directory rule when HOME is unset.
case "${XDG_CACHE_HOME:-}" in
  /*) cache=$XDG_CACHE_HOME ;;
  *)
    home=${HOME:-}
    [ -n "$home" ] || home=$(getent passwd "$(id -u)" | cut -d: -f6)
    [ -n "$home" ] || fail 'no home directory to unpack into: set HOME or XDG_CACHE_HOME'
    cache=$home/.cache
    ;;
esac
directory=$cache/gaussdb-top
root=$directory/$unpacked

unpack() {
  mkdir -p "$directory" 2>/dev/null || fail "cannot create $directory: set XDG_CACHE_HOME to a writable directory"
  # Shared with the compile cache of bin/gaussdb-top.js: the user's alone, never another's.
  [ -O "$directory" ] && [ ! -L "$directory" ] || fail "$directory belongs to another user"
  chmod 700 "$directory" || fail "cannot make $directory private (chmod 700)"
  work=$(mktemp -d "$directory/.unpack.XXXXXX") || fail "cannot write in $directory"
  trap 'rm -rf "$work"' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  [ -t 2 ] && printf 'gaussdb-top: unpacking Node.js %s and gaussdb-top %s into %s (once)\n' \
    "$node_version" "$version" "$directory" >&2
  tail -c +"$((payload_offset + 1))" "$0" >"$work/payload" || fail "cannot read $0"
  sum=$(sha256sum "$work/payload") || fail 'sha256sum failed (coreutils)'
  [ "${sum%% *}" = "$payload_sha256" ] || fail "$0 is damaged (its checksum does not match): copy it again"
  mkdir "$work/root" && tar -xzf "$work/payload" -C "$work/root" ||
    fail "cannot unpack into $directory (disk full?)"
  # Whole or not at all: the directory appears complete, by rename, or another run's copy stays.
  [ -e "$root" ] || mv "$work/root" "$root" || fail "cannot unpack into $root"
  rm -rf "$work"
  trap - EXIT HUP INT TERM
}

if ! [ -x "$root/node" ] || ! [ -O "$root" ]; then
  if [ -e "$root" ] || [ -L "$root" ]; then
    [ -O "$root" ] && [ ! -L "$root" ] || fail "$root belongs to another user"
    rm -rf "$root" # a copy someone cut short: unpacked again
  fi
  unpack
fi
exec ${GAUSSDB_TOP_RUNNER:+"$GAUSSDB_TOP_RUNNER"} "$root/node" @NODE_FLAGS@ "$root/bin/gaussdb-top.js" "$@"
exit 1

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

# Messages in English or Chinese, by the locale as gaussdb-top itself decides (source/i18n/detect.ts).
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in [Zz][Hh]*) zh=1 ;; *) zh= ;; esac

# fail ENGLISH CHINESE: one line on stderr, exit 1.
fail() {
  [ -n "$zh" ] && shift
  printf 'gaussdb-top: %s\n' "$1" >&2
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
  fail "this file runs on Linux $machine, this machine is $system" \
    "此文件用于 Linux $machine，本机是 $system"
fi
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null) || glibc=
case "$glibc" in
  'glibc '*) glibc=${glibc#glibc } ;;
  *) case "$(ldd --version 2>&1)" in *musl*) glibc='musl libc' ;; *) glibc='no glibc' ;; esac ;;
esac
at_least "$glibc" "$glibc_needed" ||
  fail "needs glibc $glibc_needed or newer (Node.js $node_version), found $glibc" \
    "需要 glibc $glibc_needed 或更新版本（Node.js $node_version），本机为 $glibc"

# The user's cache directory, as XDG says (a relative XDG_CACHE_HOME is ignored), and Node.js's
# home directory rule when HOME is unset.
case "${XDG_CACHE_HOME:-}" in
  /*) cache=$XDG_CACHE_HOME ;;
  *)
    home=${HOME:-}
    [ -n "$home" ] || home=$(getent passwd "$(id -u)" | cut -d: -f6)
    [ -n "$home" ] || fail 'no home directory to unpack into: set HOME or XDG_CACHE_HOME' \
      '没有可解包的主目录：请设置 HOME 或 XDG_CACHE_HOME'
    cache=$home/.cache
    ;;
esac
directory=$cache/gaussdb-top
root=$directory/$unpacked

unpack() {
  mkdir -p "$directory" 2>/dev/null ||
    fail "cannot create $directory: set XDG_CACHE_HOME to a writable directory" \
      "无法创建 $directory：请把 XDG_CACHE_HOME 设为可写的目录"
  # Shared with the compile cache of bin/gaussdb-top.js: the user's alone, never another's.
  [ -O "$directory" ] && [ ! -L "$directory" ] ||
    fail "$directory belongs to another user" "$directory 属于其他用户"
  chmod 700 "$directory" 2>/dev/null ||
    fail "cannot make $directory private (chmod 700)" "无法将 $directory 设为私有（chmod 700）"
  work=$(mktemp -d "$directory/.unpack.XXXXXX" 2>/dev/null) ||
    fail "cannot write in $directory" "无法写入 $directory"
  trap 'rm -rf "$work"' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ -t 2 ]; then
    if [ -n "$zh" ]; then
      printf 'gaussdb-top: 正在将 Node.js %s 和 gaussdb-top %s 解包到 %s（仅此一次）\n' \
        "$node_version" "$version" "$directory" >&2
    else
      printf 'gaussdb-top: unpacking Node.js %s and gaussdb-top %s into %s (once)\n' \
        "$node_version" "$version" "$directory" >&2
    fi
  fi
  tail -c +"$((payload_offset + 1))" "$0" >"$work/payload" 2>/dev/null ||
    fail "cannot read $0" "无法读取 $0"
  sum=$(sha256sum "$work/payload") || fail 'sha256sum failed (coreutils)' 'sha256sum 失败（coreutils）'
  [ "${sum%% *}" = "$payload_sha256" ] ||
    fail "$0 is damaged (its checksum does not match): copy it again" "$0 已损坏（校验和不符）：请重新复制"
  mkdir "$work/root" && tar -xzf "$work/payload" -C "$work/root" 2>/dev/null ||
    fail "cannot unpack into $directory (disk full?)" "无法解包到 $directory（磁盘已满？）"
  # Whole or not at all: the directory appears complete, by rename, or another run's copy stays.
  [ -e "$root" ] || mv "$work/root" "$root" || fail "cannot unpack into $root" "无法解包到 $root"
  # Another first run that renamed its copy in between leaves ours inside it: not needed there.
  rm -rf "$root/root"
  rm -rf "$work"
  trap - EXIT HUP INT TERM
}

if ! [ -x "$root/node" ] || ! [ -O "$root" ]; then
  if [ -e "$root" ] || [ -L "$root" ]; then
    [ -O "$root" ] && [ ! -L "$root" ] || fail "$root belongs to another user" "$root 属于其他用户"
    rm -rf "$root" # a copy someone cut short: unpacked again
  fi
  unpack
fi
exec ${GAUSSDB_TOP_RUNNER:+"$GAUSSDB_TOP_RUNNER"} "$root/node" @NODE_FLAGS@ "$root/bin/gaussdb-top.js" "$@"
exit 1

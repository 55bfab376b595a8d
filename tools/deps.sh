#!/bin/sh
# Installs the Debian packages groeipad needs to build, test and run, when
# some are missing. As root it installs them; otherwise it says what to run.
set -eu
packages="gcc make meson ninja-build pkg-config python3 gettext
libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libxlsxwriter-dev
zlib1g-dev libcmocka-dev chromium clang libclang-rt-14-dev"
# clang and its runtime (libclang-rt-14-dev, Debian 12's) build the libFuzzer
# targets of tests/fuzz with -fsanitize=fuzzer.
# zlib1g-dev: libxlsxwriter's pkg-config file links -lz, but its -dev package
# does not depend on zlib's (libmicrohttpd-dev does bring gnutls's).
[ "${1:-}" = "--with-tools" ] && packages="$packages sqlite3 valgrind wrk"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
# Node.js and npm for the browser tests, unless some other install has them.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "groeipad needs these Debian packages:$missing" >&2
  echo "install them as root (su -, or sudo where it is set up), then run make again:" >&2
  echo "  apt-get update && apt-get install$missing" >&2
  exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

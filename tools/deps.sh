#!/bin/sh
# Installs the Debian packages groeipad needs, when some are missing. As root
# it installs them; otherwise it says what to run.
#   sh tools/deps.sh               build and run (make, make run)
#   sh tools/deps.sh --test        also what the test suites need (make test)
#   sh tools/deps.sh --with-tools  also the benchmarks' tools (make bench)
set -eu
packages="gcc make meson ninja-build pkg-config python3 gettext
libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libxlsxwriter-dev
zlib1g-dev libzip-dev libexpat1-dev libcmocka-dev libpq-dev"
# zlib1g-dev: libxlsxwriter's pkg-config file links -lz, but its -dev package
# does not depend on zlib's (libmicrohttpd-dev does bring gnutls's).
# libzip-dev, libexpat1-dev: reading .xlsx imports.
# libcmocka-dev: small, and Meson's set-up looks for it even to build.
# libpq-dev: the PostgreSQL backend (--pg); the client library only.
test_packages="chromium libreoffice-calc-nogui clang libclang-rt-14-dev postgresql-15"
# chromium: the browser tests. libreoffice-calc-nogui: the tests open our
# Excel files with a real spreadsheet (skipped, saying so, without it).
# postgresql-15: every integration suite runs again on a throw-away server
# (tests/with-pg.sh); only its binaries are used, no cluster is set up.
# clang and its runtime (libclang-rt-14-dev, Debian 12's) build the libFuzzer
# targets of tests/fuzz with -fsanitize=fuzzer.
case "${1:-}" in
  --test) packages="$packages $test_packages" ;;
  --with-tools) packages="$packages $test_packages sqlite3 valgrind wrk" ;;
  "") ;;
  *) echo "usage: sh tools/deps.sh [--test | --with-tools]" >&2; exit 2 ;;
esac
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
# Node.js and npm for the browser tests, unless some other install has them.
if [ -n "${1:-}" ]; then
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
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

#!/bin/sh
# The enrolment benchmark of organising training (issue 12): 200 users
# enrolling 10,000 people into 50 sessions of 40 seats over 4 connections
# (the server's workers), no seat oversold; then a 500-person session closed
# into learning records. Twice: on the disk (every commit waits for its
# fsync: synchronous=FULL) and in memory (/dev/shm: the work itself).
#   sh bench/enrol.sh [BUILD_DIR] [EMPLOYEES THREADS SESSIONS CLOSE CONNECTIONS]
set -eu
build=${1:-build}
[ $# -gt 0 ] && shift
ninja -C "$build" bench/enrol >/dev/null
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"
for db in "$out/enrol.db" "/dev/shm/groeipad-enrol-$$.db"; do
  rm -f "$db" "$db-wal" "$db-shm"
  echo "== $db"
  "$build/bench/enrol" "$db" "${1:-10000}" "${2:-200}" "${3:-50}" "${4:-500}" "${5:-4}"
  rm -f "$db" "$db-wal" "$db-shm"
done

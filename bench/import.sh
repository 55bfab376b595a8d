#!/bin/sh
# Importing learning records against sqlite3 .import of the same file into a
# bare table (issue 16: at least 0.7 x its speed, peak memory under 200 MB at
# 10 M rows whatever the file size). For each size in BENCH_SIZES (records;
# default "1000000 10000000") over BENCH_EMPLOYEES (100000) employees, it
# times both side by side, turn by turn, with farm-bench when there is one
# (else /usr/bin/time, once each): wall seconds, and our peak memory.
#   sh bench/import.sh [BUILD_DIR]
set -eu
build=${1:-build}
n=${BENCH_EMPLOYEES:-100000}
sizes=${BENCH_SIZES:-"1000000 10000000"}
out=${BENCH_DIR:-bench/out}
runs=${BENCH_RUNS:-3}
gp=$(realpath "$build/groeipad")
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (sh tools/deps.sh --with-tools)"; exit 1; }
ninja -C "$build" bench/gen groeipad >/dev/null
mkdir -p "$out"
out=$(realpath "$out")
for m in $sizes; do
  dir="$out/import-$n-$m"
  if [ ! -f "$dir/.done" ]; then
    mkdir -p "$dir"
    echo "generating $n employees and $m learning records in $dir ..."
    "$build/bench/gen" "$dir" "$n" "$m" 5
    touch "$dir/.done"
  fi
  base="$dir/base.db"
  if [ ! -f "$base" ]; then
    "$gp" --db "$base" init >/dev/null
    "$gp" --db "$base" import employees "$dir/employees.csv" >/dev/null
    "$gp" --db "$base" import activities "$dir/activities.csv" >/dev/null
  fi
  ours="cp $base $dir/t.db && exec $gp --db $dir/t.db import learning $dir/learning.csv"
  theirs="rm -f $dir/raw.db && exec sqlite3 $dir/raw.db '.import --csv $dir/learning.csv learning'"
  echo "== $m learning records ($(du -h "$dir/learning.csv" | cut -f1) CSV), $n employees"
  echo "A: groeipad import learning (with copying the 25 MB database of employees first)"
  echo "B: sqlite3 .import into a bare table"
  if command -v farm-bench >/dev/null; then
    farm-bench -n "$runs" --warmup 0 --timeout 3600 --vs "sh -c \"$theirs\"" -- sh -c "$ours" |
      grep -E "wall s|peak|A/B wall"
  else
    /usr/bin/time -f "A wall %e s, peak %M KB" sh -c "$ours" >/dev/null
    /usr/bin/time -f "B wall %e s" sh -c "$theirs" >/dev/null
  fi
  rm -f "$dir/t.db" "$dir/t.db-journal" "$dir/t.db-wal" "$dir/t.db-shm" "$dir/raw.db"
done
echo "speed = 1 / (A/B wall): the goal is at least 0.7"

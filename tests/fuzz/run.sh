#!/bin/sh
# Runs every libFuzzer target of BUILD (configured with -Dfuzz=true) over its
# corpus in tests/fuzz/corpus/<target>/ for SECONDS each (default 10): the
# corpus is replayed first, then mutated. New inputs go to a scratch
# directory, so the corpus in the repository does not change; a crashing
# input is kept in BUILD/fuzz-crashes/. Prints one line per target and ends
# with "N passed, N failed". Usage: sh tests/fuzz/run.sh BUILD [SECONDS]
# The targets run FUZZ_JOBS at a time (default: one per core), each for its
# SECONDS of wall time on a core of its own; the lines come in target order.
set -u
build=$1
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
targets="fuzz_csv fuzz_import fuzz_numbers fuzz_form fuzz_json fuzz_sort"
passed=0
failed=0
crashes="$build/fuzz-crashes"
mkdir -p "$crashes"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
# Runs target $1 over its corpus; its exit status goes to $scratch/$1.rc.
fuzz_one() {
  "$build/tests/fuzz/$1" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/$1-" \
    "$scratch/$1" "$here/corpus/$1" >"$scratch/$1.log" 2>&1
  echo $? >"$scratch/$1.rc"
}
running=0
for t in $targets; do
  mkdir -p "$scratch/$t"
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait
    running=0
  fi
done
wait
for t in $targets; do
  log="$scratch/$t.log"
  if [ "$(cat "$scratch/$t.rc" 2>/dev/null)" = 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "ok   $t: ${runs:-?} inputs in ${seconds} s, no crash"
    passed=$((passed + 1))
  else
    echo "FAIL $t: crashed (the input is in $crashes/)"
    grep -E 'ERROR|runtime error|SUMMARY|abort|^ +#[0-9]+ .* in ' "$log" | head -20
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# The benchmarks of DESIGN §5: import speed and report times on a synthetic
# organisation. Sizes: BENCH_EMPLOYEES (100000), BENCH_RECORDS (10000000).
#   make bench                        (or: sh bench/run.sh BUILD_DIR)
set -eu
build=${1:-build}
n=${BENCH_EMPLOYEES:-100000}
m=${BENCH_RECORDS:-10000000}
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"
gp="$build/groeipad"
ninja -C "$build" bench/gen >/dev/null
if [ ! -f "$out/learning-$n-$m.done" ]; then
  echo "generating $n employees and $m learning records in $out ..."
  "$build/bench/gen" "$out" "$n" "$m" 5
  touch "$out/learning-$n-$m.done"
fi
db="$out/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
"$gp" --db "$db" init >/dev/null
secs() { date +%s.%N; }
rate() { echo "$1 $2 $3" | awk '{printf "%.2f s, %.0f rows/s", $2-$1, $3/($2-$1)}'; }
t0=$(secs); "$gp" --db "$db" import employees "$out/employees.csv" >/dev/null; t1=$(secs)
echo "import employees ($n rows): $(rate "$t0" "$t1" "$n")"
"$gp" --db "$db" import activities "$out/activities.csv" >/dev/null
t0=$(secs); "$gp" --db "$db" import learning "$out/learning.csv" >/dev/null; t1=$(secs)
echo "import learning ($m rows): $(rate "$t0" "$t1" "$m")"
if command -v sqlite3 >/dev/null; then
  rm -f "$out/raw.db"
  t0=$(secs)
  sqlite3 "$out/raw.db" ".import --csv $out/learning.csv learning" 2>/dev/null
  t1=$(secs)
  echo "sqlite3 .import of the same file, for comparison: $(rate "$t0" "$t1" "$m")"
  rm -f "$out/raw.db"
fi
for r in "social-balance" "training-right" "participation --by age" "participation --by department"; do
  best=999
  for _ in 1 2 3; do
    t0=$(secs); "$gp" --db "$db" report $r --year 2025 >/dev/null; t1=$(secs)
    best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
  done
  echo "report $r --year 2025: best of 3 $best s"
done

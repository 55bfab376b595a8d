#!/bin/sh
# report certifications (RULES.md §5) over a generated organisation against
# a bare SQL aggregate of the same facts with a covering index (issue 13:
# at most 2 x). Makes its own database from bench/gen at BENCH_EMPLOYEES
# (default 10000) and BENCH_RECORDS (default 1000000), marks 20 of the 200
# activities as certifying (10 of them mandatory, 5 for some functions
# only), and times, best of BENCH_RUNS (5) in processor seconds:
#   groeipad report certifications --date 2026-06-30 (its facts from the
#            side table cert_records, migration 010: the plan is printed)
#   sqlite3: the latest completed record per (employee, activity) of the
#            certifying activities, with an index covering the query.
#   sh bench/certifications.sh [BUILD_DIR]
set -eu
build=${1:-build}
n=${BENCH_EMPLOYEES:-10000}
m=${BENCH_RECORDS:-1000000}
runs=${BENCH_RUNS:-5}
out=${BENCH_DIR:-bench/out}/cert-$n-$m
gp="$build/groeipad"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (sh tools/deps.sh --with-tools)"; exit 1; }
mkdir -p "$out"
ninja -C "$build" bench/gen groeipad >/dev/null
[ -f "$out/learning.csv" ] || "$build/bench/gen" "$out" "$n" "$m" 5
db="$out/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
"$gp" --db "$db" init >/dev/null
"$gp" --db "$db" import employees "$out/employees.csv" >/dev/null
{
  echo "code,title,type,form,validity_months,mandatory,target_functions"
  for i in $(seq 0 199); do
    code=$(printf 'A%03d' "$i")
    if [ "$i" -lt 20 ]; then
      v=$((12 + 12 * (i % 5)))
      mand=$([ "$i" -lt 10 ] && echo yes || echo no)
      targets=$([ "$i" -lt 5 ] && echo "Function 1|Function 2|Function 3" || echo "")
      echo "$code,Activity $i,formal,classroom,$v,$mand,$targets"
    else
      echo "$code,Activity $i,formal,classroom,,no,"
    fi
  done
} > "$out/activities.csv"
"$gp" --db "$db" import activities "$out/activities.csv" >/dev/null
"$gp" --db "$db" import learning "$out/learning.csv" >/dev/null
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
cpu() { # best user+system seconds of COMMAND over $runs runs
  best=999
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f "%U %S" "$@" >/dev/null 2>&1
    t=$(tail -1 "$tf" | awk '{print $1 + $2}')
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$best"
}
ours=$(cpu "$gp" --db "$db" report certifications --date 2026-06-30)
raw="$out/raw.db"
rm -f "$raw"
cp "$db" "$raw"
sqlite3 "$raw" "CREATE INDEX cover ON learning_records(activity_id, result, employee_id, end_date, start_date)"
q="SELECT count(*), sum(length(d)) FROM (SELECT r.employee_id, r.activity_id,
 max(coalesce(r.end_date, r.start_date)) d FROM learning_records r
 WHERE r.activity_id IN (SELECT id FROM activities WHERE validity_months > 0 OR mandatory = 1)
 AND r.result = 'completed' AND coalesce(r.end_date, r.start_date) <= '2026-06-30'
 GROUP BY r.employee_id, r.activity_id)"
bare=$(cpu sqlite3 "$raw" "$q")
echo "query plan of groeipad's read of cert_records:"
sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT employee_id, activity_id, achieved FROM cert_records
 WHERE achieved <= '2026-06-30' ORDER BY employee_id, activity_id, achieved"
echo "processor seconds, best of $runs; $n employees, $m records"
echo "groeipad report certifications: $ours"
echo "sqlite3 aggregate with a covering index: $bare"
echo "$ours $bare" | awk '{printf "ratio: %.2f\n", ($2 > 0) ? $1 / $2 : 0}'
rm -f "$raw"

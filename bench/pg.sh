#!/bin/sh
# The PostgreSQL benchmarks of issue 10, side by side on one throw-away
# server (tools/pg-temp.sh):
#   1. import learning into an organisation vs psql \copy of the same CSV
#      into a bare table;
#   2. each legal report on PostgreSQL vs on SQLite, and a hand-written
#      aggregate over a covering index (with EXPLAIN ANALYZE);
#   3. a site of ORGS organisations: load time, and the sector report at two
#      sizes (to show growth is linear). bench/pg_site.sh makes a site sized
#      like a sector's employers (a few big, many small) and times the sector
#      reports cold and warm; bench/pg_import_one.sh is one run of the import
#      comparison, for a timer that runs the two side by side.
# Sizes: BENCH_EMPLOYEES (20000), BENCH_RECORDS (2000000), BENCH_ORGS (50),
# BENCH_ORG_EMPLOYEES (400), BENCH_ORG_RECORDS (10000).
#   sh bench/pg.sh [BUILD_DIR]
set -eu
build=${1:-build}
n=${BENCH_EMPLOYEES:-20000}
m=${BENCH_RECORDS:-2000000}
orgs=${BENCH_ORGS:-50}
on=${BENCH_ORG_EMPLOYEES:-400}
om=${BENCH_ORG_RECORDS:-10000}
out=${BENCH_DIR:-bench/out}/pg
gp="$(realpath "$build")/groeipad"
ninja -C "$build" bench/gen >/dev/null
mkdir -p "$out"
pgdir=$(mktemp -d /tmp/groeipad-bench-pg-XXXXXX)
trap 'tools/pg-temp.sh stop "$pgdir"' EXIT INT TERM
eval "$(tools/pg-temp.sh start "$pgdir")"
url=$GROEIPAD_TEST_PG
secs() { date +%s.%N; }
took() { echo "$1 $2" | awk '{printf "%.2f", $2-$1}'; }
best3() { # best of three runs of "$@", in seconds
  best=999
  for _ in 1 2 3; do
    t0=$(secs); "$@" >/dev/null; t1=$(secs)
    best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
  done
  echo "$best"
}

echo "== 1. import: $n employees, $m learning records"
[ -f "$out/big-$n-$m.done" ] || { "$build/bench/gen" "$out" "$n" "$m" 5 >/dev/null; touch "$out/big-$n-$m.done"; }
"$gp" --pg "$url" org add big --name Big >/dev/null
"$gp" --pg "$url" --org big import employees "$out/employees.csv" >/dev/null
"$gp" --pg "$url" --org big import activities "$out/activities.csv" >/dev/null
t0=$(secs); "$gp" --pg "$url" --org big import learning "$out/learning.csv" >/dev/null; t1=$(secs)
ours=$(took "$t0" "$t1")
cols=$(head -n 1 "$out/learning.csv" | sed 's/,/ text,/g; s/$/ text/')
psql -q "$url" -c "CREATE TABLE bare ($cols)"
t0=$(secs); psql -q "$url" -c "\\copy bare FROM '$out/learning.csv' CSV HEADER"; t1=$(secs)
bare=$(took "$t0" "$t1")
echo "groeipad import learning: $ours s ($(echo "$m $ours" | awk '{printf "%.0f", $1/$2}') rows/s)"
printf "%s\n" "psql \\copy into a bare table: $bare s ($(echo "$m $bare" | awk '{printf "%.0f", $1/$2}') rows/s)"
echo "ratio (goal >= 0.6): $(echo "$bare $ours" | awk '{printf "%.2f", $1/$2}')"

echo "== 2. reports over $n employees (best of 3, seconds)"
"$gp" --db "$out/big.db" init >/dev/null 2>&1 || true
if [ ! -f "$out/big-sqlite-$n-$m.done" ]; then
  rm -f "$out/big.db"; "$gp" --db "$out/big.db" init >/dev/null
  "$gp" --db "$out/big.db" import employees "$out/employees.csv" >/dev/null
  "$gp" --db "$out/big.db" import activities "$out/activities.csv" >/dev/null
  "$gp" --db "$out/big.db" import learning "$out/learning.csv" >/dev/null
  touch "$out/big-sqlite-$n-$m.done"
fi
# As a site's autovacuum would have after a load: statistics and visibility.
psql -q "$url" -c "VACUUM ANALYZE org_big.learning_totals" -c "VACUUM ANALYZE org_big.employees"
for r in "social-balance" "training-right" "participation --by age"; do
  p=$(best3 "$gp" --pg "$url" --org big report $r --year 2025)
  s=$(best3 "$gp" --db "$out/big.db" report $r --year 2025)
  "$gp" --pg "$url" --org big report $r --year 2025 > "$out/pg.json"
  "$gp" --db "$out/big.db" report $r --year 2025 > "$out/sqlite.json"
  same=$(cmp -s "$out/pg.json" "$out/sqlite.json" && echo identical || echo DIFFERENT)
  echo "report $r: pg $p s, sqlite $s s, JSON $same"
done
agg="SELECT e.gender, count(*), sum(t.hours), sum(t.cost) FROM org_big.employees e JOIN org_big.learning_totals t ON t.employee_id = e.id AND t.year = 2025 GROUP BY e.gender"
psql -q "$url" -c "CREATE INDEX bench_cover ON org_big.learning_totals(year, employee_id, type, hours, cost)" -c "VACUUM ANALYZE org_big.learning_totals"
hand=$(best3 psql -q "$url" -c "$agg")
echo "hand-written aggregate (covering index, psql round trip included): $hand s"
psql -q "$url" -c "EXPLAIN (ANALYZE, COSTS OFF) $agg" | sed 's/^/  /'
# The training right writes a line per employee: its yardstick is a
# hand-written query that gives each employee's inputs (dates, FTE, right
# hours of the two years), in employee_id order, over a covering index.
per_employee="SELECT e.employee_id, e.hire_date, e.exit_date, e.fte, sum(t.right_hours) FILTER (WHERE t.year = 2024), sum(t.right_hours) FILTER (WHERE t.year = 2025) FROM org_big.employees e LEFT JOIN org_big.learning_totals t ON t.employee_id = e.id AND t.year BETWEEN 2024 AND 2025 GROUP BY e.id ORDER BY e.employee_id"
psql -q "$url" -c "CREATE INDEX bench_cover_right ON org_big.learning_totals(employee_id, year, right_hours)" -c "VACUUM ANALYZE org_big.learning_totals"
hand_right=$(best3 sh -c "psql -At -q '$url' -c '$per_employee' >/dev/null")
echo "hand-written per-employee query for the training right (covering index): $hand_right s"
# The two reads of a social balance (store/facts.c: facts_load_sums with
# PEOPLE_BY_DIM[DIM_GENDER], TOTALS_READ[FIGURES_SUMS]), as it runs them;
# participation reads records and hours only (facts_load_taken).
echo "a report's reads (store/facts.c):"
psql -q "$url" -c "SET search_path = org_big" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT id, gender, NULL, hire_date, exit_date, NULL, NULL, NULL, NULL, fte, NULL, NULL, NULL FROM employees" | sed 's/^/  /'
psql -q "$url" -c "SET search_path = org_big" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT employee_id, type, records, hours, cost, subsidy FROM learning_totals WHERE year >= 2025 AND year <= 2025" | sed 's/^/  /'

site() { # site K: K organisations of $on employees and $om records each
  k=$1
  [ -f "$out/org-$on-$om.done" ] || { mkdir -p "$out/org"; "$build/bench/gen" "$out/org" "$on" "$om" 5 >/dev/null; touch "$out/org-$on-$om.done"; }
  have=$("$gp" --pg "$url" org list | grep -c '^s' || true)
  t0=$(secs)
  i=$have
  while [ "$i" -lt "$k" ]; do
    i=$((i + 1))
    "$gp" --pg "$url" org add "s$i" --name "Org $i" >/dev/null
    "$gp" --pg "$url" --org "s$i" import employees "$out/org/employees.csv" >/dev/null
    "$gp" --pg "$url" --org "s$i" import activities "$out/org/activities.csv" >/dev/null
    "$gp" --pg "$url" --org "s$i" import learning "$out/org/learning.csv" >/dev/null
  done
  t1=$(secs)
  echo "site of $k organisations ($((k * on)) employees, $((k * om)) records): loaded $((k - have)) more in $(took "$t0" "$t1") s"
  echo "  sector participation --by age: $(best3 "$gp" --pg "$url" report sector participation --year 2025 --by age) s"
  echo "  sector social-balance: $(best3 "$gp" --pg "$url" report sector social-balance --year 2025) s"
  echo "  one organisation's training-right: $(best3 "$gp" --pg "$url" --org s1 report training-right --year 2025) s"
}
echo "== 3. a site"
site $((orgs / 2))
site "$orgs"

#!/bin/sh
# Employee import on PostgreSQL beside SQLite (issue 10): a first load of N
# employees into an empty organisation, then a second file with the same
# employees where every third changed function and every fifth got a manager
# (updates, manager links and unchanged rows in one file), on one throw-away
# server (tools/pg-temp.sh) and on a SQLite file.
#   sh bench/pg_employees.sh [N] [BUILD_DIR]      (N: 200000)
set -eu
n=${1:-200000}
build=${2:-build}
out=${BENCH_DIR:-bench/out}/pg_employees
gp="$(realpath "$build")/groeipad"
ninja -C "$build" bench/gen >/dev/null
mkdir -p "$out"
"$build/bench/gen" "$out" "$n" 0 >/dev/null
# The second file: a manager_id column (every fifth employee reports to the
# first one of its thousand), and every third employee in another function.
awk -F';' 'BEGIN { OFS = ";" }
  NR == 1 { print $0, "manager_id"; next }
  { i = NR - 2; m = ""
    if (i % 3 == 0) $9 = $9 " bis"
    if (i % 5 == 0 && i % 1000 != 0) m = sprintf("E%07d", i - i % 1000)
    print $0, m }' "$out/employees.csv" >"$out/employees2.csv"
pgdir=$(mktemp -d /tmp/groeipad-bench-pge-XXXXXX)
trap 'tools/pg-temp.sh stop "$pgdir"' EXIT INT TERM
eval "$(tools/pg-temp.sh start "$pgdir")"
url=$GROEIPAD_TEST_PG
secs() { date +%s.%N; }
took() { echo "$1 $2" | awk '{printf "%.2f", $2-$1}'; }
timed() { t0=$(secs); "$@" >/dev/null; t1=$(secs); took "$t0" "$t1"; }
"$gp" --pg "$url" org add emp --name Emp >/dev/null
rm -f "$out/emp.db"
"$gp" --db "$out/emp.db" init >/dev/null
echo "== employee import, $n employees (seconds)"
echo "first load:  pg $(timed "$gp" --pg "$url" --org emp import employees "$out/employees.csv")" \
     " sqlite $(timed "$gp" --db "$out/emp.db" import employees "$out/employees.csv")"
echo "update file: pg $(timed "$gp" --pg "$url" --org emp import employees "$out/employees2.csv")" \
     " sqlite $(timed "$gp" --db "$out/emp.db" import employees "$out/employees2.csv")"
echo "same again:  pg $(timed "$gp" --pg "$url" --org emp import employees "$out/employees2.csv")" \
     " sqlite $(timed "$gp" --db "$out/emp.db" import employees "$out/employees2.csv")"
"$gp" --pg "$url" --org emp export employees >"$out/pg.csv" 2>/dev/null || true
"$gp" --db "$out/emp.db" export employees >"$out/sqlite.csv" 2>/dev/null || true
cmp -s "$out/pg.csv" "$out/sqlite.csv" && echo "exports identical" || echo "EXPORTS DIFFER"

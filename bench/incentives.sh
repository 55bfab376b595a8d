#!/bin/sh
# The HR incentives page at reduced size: BENCH_EMPLOYEES (10000) employees
# and BENCH_RECORDS (1000000) learning records over five years ending in 2025
# (bench/gen), then GET /incentives?year=Y for each year (the school year
# starting in Y and calendar year Y: training leave, claims and claimable
# courses) timed with curl, beside the social balance report.
#   sh bench/incentives.sh [BUILD_DIR]
set -eu
build=${1:-build}
n=${BENCH_EMPLOYEES:-10000}
m=${BENCH_RECORDS:-1000000}
out=${BENCH_DIR:-bench/out/incentives}
port=${BENCH_PORT:-$((30000 + $$ % 20000))}
mkdir -p "$out"
gp="$build/groeipad"
ninja -C "$build" bench/gen groeipad >/dev/null
[ -f "$out/learning.csv" ] || "$build/bench/gen" "$out" "$n" "$m" 5
db="$out/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
"$gp" --db "$db" init >/dev/null
"$gp" --db "$db" import employees "$out/employees.csv" >/dev/null
"$gp" --db "$db" import activities "$out/activities.csv" >/dev/null
"$gp" --db "$db" import learning "$out/learning.csv" >/dev/null
echo bench-password | "$gp" --db "$db" user add --login hr --role admin >/dev/null
"$gp" --db "$db" serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
jar="$out/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" |
       sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null --data "login=hr&password=bench-password&csrf=$csrf" \
     "http://127.0.0.1:$port/login"
# Logged-in pages are cached per data version: each year's page is asked
# once, so every time below is a page made anew.
for year in 2021 2022 2023 2024 2025; do
  t=$(curl -s -b "$jar" -o /dev/null -w '%{time_total} s, status %{http_code}, %{size_download} bytes' "http://127.0.0.1:$port/incentives?year=$year")
  echo "GET /incentives?year=$year ($n employees, $m records): $t"
done
t=$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/incentives?year=2024&format=csv")
echo "GET /incentives?year=2024&format=csv: $t s"
t0=$(date +%s.%N); "$gp" --db "$db" report social-balance --year 2024 >/dev/null; t1=$(date +%s.%N)
echo "report social-balance --year 2024, for comparison: $(echo "$t0 $t1" | awk '{printf "%.3f", $2-$1}') s"

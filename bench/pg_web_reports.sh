#!/bin/sh
# The three legal reports of one organisation through the server (the API,
# with a token), on PostgreSQL beside SQLite, on the same generated data:
# what a person waits for. The server keeps its connections open, so this
# is the engines' own work without the 15-25 ms a command-line run pays to
# start a PostgreSQL backend. Each request adds a parameter of its own, so
# no answer comes from the server's cache. Best of five, in seconds.
#   sh bench/pg_web_reports.sh [EMPLOYEES] [RECORDS] [BUILD_DIR]
# BENCH_DIR (bench/out), BENCH_PORT (18740; PostgreSQL's server takes the next).
set -eu
n=${1:-20000}
m=${2:-2000000}
build=${3:-build}
port=${BENCH_PORT:-18740}
out=${BENCH_DIR:-bench/out}/pg_web
gp="$(realpath "$build")/groeipad"
command -v curl >/dev/null || { echo "curl is missing (apt-get install curl)"; exit 1; }
ninja -C "$build" bench/gen >/dev/null
mkdir -p "$out"
[ -f "$out/$n-$m.done" ] || { "$build/bench/gen" "$out" "$n" "$m" 5 >/dev/null; touch "$out/$n-$m.done"; }
pgdir=$(mktemp -d /tmp/groeipad-bench-pgw-XXXXXX)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  tools/pg-temp.sh stop "$pgdir"
}
trap cleanup EXIT INT TERM
eval "$(tools/pg-temp.sh start "$pgdir")"
url=$GROEIPAD_TEST_PG
db="$out/big.db"
if [ ! -f "$out/$n-$m.sqlite.done" ]; then
  rm -f "$db"
  "$gp" --db "$db" init >/dev/null
  for k in employees activities learning; do "$gp" --db "$db" import $k "$out/$k.csv" >/dev/null; done
  echo "bench-password-1" | "$gp" --db "$db" user add --login bench --role admin >/dev/null
  touch "$out/$n-$m.sqlite.done"
fi
"$gp" --pg "$url" org add big --name Big >/dev/null
for k in employees activities learning; do
  "$gp" --pg "$url" --org big import $k "$out/$k.csv" >/dev/null
done
echo "bench-password-1" | "$gp" --pg "$url" --org big user add --login bench --role admin >/dev/null
# As a site's autovacuum would have after a load: statistics and visibility.
psql -q "$url" -c "VACUUM ANALYZE org_big.learning_totals" -c "VACUUM ANALYZE org_big.employees"
sq_token=$("$gp" --db "$db" user token --login bench)
pg_token=$("$gp" --pg "$url" --org big user token --login bench)
"$gp" --db "$db" serve --port "$port" --bind 127.0.0.1 >"$out/serve-sqlite.log" 2>&1 &
pids="$pids $!"
"$gp" --pg "$url" --org big serve --port $((port + 1)) --bind 127.0.0.1 >"$out/serve-pg.log" 2>&1 &
pids="$pids $!"
for p in "$port" $((port + 1)); do
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break
    sleep 0.1
  done
done
turn=0
best5() { # best of five GETs of API path $2 from port $1 with token $3, each uncached
  best=999
  for _ in 1 2 3 4 5; do
    turn=$((turn + 1))
    case $2 in *\?*) sep='&' ;; *) sep='?' ;; esac
    t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $3" \
          "http://127.0.0.1:$1/api/v1/$2${sep}uncached=$turn")
    best=$(echo "$t $best" | awk '{print ($1<$2)?$1:$2}')
  done
  echo "$best"
}
echo "== one organisation's reports through the server, $n employees, $m records (best of 5, s)"
# me: what any request costs besides its work (the caller's own record)
for r in "me" "reports/social-balance?year=2025" "reports/training-right?year=2025" \
         "reports/participation?year=2025&by=age"; do
  sq=$(best5 "$port" "$r" "$sq_token")
  pg=$(best5 $((port + 1)) "$r" "$pg_token")
  echo "$r: sqlite $sq, pg $pg, ratio $(echo "$pg $sq" | awk '{printf "%.2f", $1/$2}')"
done

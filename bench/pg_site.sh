#!/bin/sh
# A site of many organisations on PostgreSQL, sized like a sector fund's
# employers (a few big, many small), for issue 10:
#   sh bench/pg_site.sh load URL ORGS EMPLOYEES RECORDS [BUILD_DIR]
#   sh bench/pg_site.sh report URL YEAR [BUILD_DIR]
#   sh bench/pg_site.sh orgs URL YEAR SQLITE_DIR [BUILD_DIR]
#   sh bench/pg_site.sh http URL YEAR SQLITE_DIR ORG... (BUILD_DIR from $BUILD)
# load: ORGS organisations s1..sORGS sharing EMPLOYEES employees and RECORDS
# learning records between them; organisation k gets a share proportional to
# 1/k (harmonic: s1 holds about 1/H(ORGS) of everyone, the last ones a few
# dozen), at least 5 employees. Each organisation's files come from bench/gen
# (deterministic) and are imported with the groeipad CLI; prints the load
# time (BENCH_NO_BUILD=1: use BUILD_DIR's binaries as they are).
# report: times the sector reports (best of 3), cold (every organisation
# computed from its people) and warm (its figures read as kept for its data
# version).
# With SQLITE_DIR set, load also imports each organisation's files into
# SQLITE_DIR/sK.db, a SQLite file of its own. orgs then times each
# organisation's three legal reports on both backends (best of 3, the JSON
# compared): a line for sample organisations of every size, and the sum over
# all organisations of each backend's time.
# http asks a running server instead, as a site's users do: one `serve` on
# the site and one on each organisation's SQLite file, each organisation's
# three legal reports over the API for each of five years (every answer
# computed, none from the page cache: a year is asked once, after the same
# requests for five years before, which have no learning, so that each
# server has met the organisation), and prints the sum of each backend's
# time per organisation (curl's time_total). It adds an admin login
# bench-ORG-PID with a random password to each organisation it asks, and
# no command removes a login: run it on a throw-away site, as load makes.
# The full size of the issue (250 organisations, 1,000,000 employees,
# 25,000,000 records) is `load URL 250 1000000 25000000`.
set -eu
cmd=${1:?usage: pg_site.sh load|report|orgs|http URL ...}
url=${2:?URL}
secs() { date +%s.%N; }
took() { echo "$1 $2" | awk '{printf "%.2f", $2-$1}'; }
case $cmd in
load)
  orgs=${3:?ORGS}; emps=${4:?EMPLOYEES}; recs=${5:?RECORDS}; build=${6:-build}
  gp="$build/groeipad"
  [ -n "${BENCH_NO_BUILD:-}" ] || ninja -C "$build" groeipad bench/gen >/dev/null
  tmp=$(mktemp -d /tmp/groeipad-site-XXXXXX)
  trap 'rm -rf "$tmp"' EXIT INT TERM
  h=$(awk -v n="$orgs" 'BEGIN{s=0; for(k=1;k<=n;k++) s+=1/k; printf "%.9f", s}')
  t0=$(secs)
  total_e=0; total_r=0; k=0
  while [ "$k" -lt "$orgs" ]; do
    k=$((k + 1))
    e=$(awk -v E="$emps" -v h="$h" -v k="$k" 'BEGIN{x=int(E/(h*k)+0.5); if(x<5)x=5; print x}')
    r=$(awk -v R="$recs" -v E="$emps" -v e="$e" 'BEGIN{printf "%d", e*R/E}')
    "$build/bench/gen" "$tmp" "$e" "$r" 5 >/dev/null
    "$gp" --pg "$url" org add "s$k" --name "Organisation $k" >/dev/null
    "$gp" --pg "$url" --org "s$k" import employees "$tmp/employees.csv" >/dev/null
    "$gp" --pg "$url" --org "s$k" import activities "$tmp/activities.csv" >/dev/null
    "$gp" --pg "$url" --org "s$k" import learning "$tmp/learning.csv" >/dev/null
    if [ -n "${SQLITE_DIR:-}" ]; then
      db="$SQLITE_DIR/s$k.db"
      rm -f "$db"
      "$gp" --db "$db" init >/dev/null
      for f in employees activities learning; do
        "$gp" --db "$db" import "$f" "$tmp/$f.csv" >/dev/null
      done
    fi
    total_e=$((total_e + e)); total_r=$((total_r + r))
  done
  t1=$(secs)
  echo "site: $orgs organisations, $total_e employees, $total_r records (largest s1), loaded in $(took "$t0" "$t1") s"
  ;;
report)
  year=${3:?YEAR}; build=${4:-build}
  gp="$build/groeipad"
  best3() {
    best=999
    for _ in 1 2 3; do
      t0=$(secs); "$@" >/dev/null; t1=$(secs)
      best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
    done
    echo "$best"
  }
  # cold: every organisation's kept figures (sector_figures) emptied first,
  # so each is computed from its people; warm: read as kept.
  forget="DO \$\$ DECLARE s text; BEGIN FOR s IN SELECT 'org_' || slug FROM
    registry.organisations LOOP EXECUTE format('DELETE FROM %I.sector_figures', s);
    END LOOP; END \$\$"
  best3_cold() {
    best=999
    for _ in 1 2 3; do
      psql -q "$url" -c "$forget" >/dev/null
      t0=$(secs); "$@" >/dev/null; t1=$(secs)
      best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
    done
    echo "$best"
  }
  for r in "participation --by age" "social-balance"; do
    # shellcheck disable=SC2086
    c=$(best3_cold "$gp" --pg "$url" report sector $r --year "$year")
    # shellcheck disable=SC2086
    w=$(best3 "$gp" --pg "$url" report sector $r --year "$year")
    echo "report sector $r --year $year: cold $c s, warm $w s"
  done
  ;;
orgs)
  year=${3:?YEAR}; dir=${4:?SQLITE_DIR}; build=${5:-build}
  gp="$build/groeipad"
  export GROEIPAD_TODAY=${GROEIPAD_TODAY:-2026-11-29}
  tmp=$(mktemp -d /tmp/groeipad-site-XXXXXX)
  trap 'rm -rf "$tmp"' EXIT INT TERM
  best3() { # best of three runs of "$@" (stdout to $tmp/out), in seconds
    best=999
    for _ in 1 2 3; do
      t0=$(secs); "$@" >"$tmp/out"; t1=$(secs)
      best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
    done
    echo "$best"
  }
  n=$(psql -qAt "$url" -c "SELECT count(*) FROM registry.organisations")
  sum_sq=0; sum_pg=0; differ=0
  printf '%-6s %9s  %-16s %8s %8s %6s\n' org employees report sqlite pg ratio
  k=0
  while [ "$k" -lt "$n" ]; do
    k=$((k + 1))
    emps=$(psql -qAt "$url" -c "SELECT count(*) FROM org_s$k.employees")
    for report in "social-balance" "training-right" "participation --by age"; do
      # shellcheck disable=SC2086
      sq=$(best3 "$gp" --db "$dir/s$k.db" report $report --year "$year"); cp "$tmp/out" "$tmp/sq"
      # shellcheck disable=SC2086
      pg=$(best3 "$gp" --pg "$url" --org "s$k" report $report --year "$year")
      cmp -s "$tmp/out" "$tmp/sq" || { differ=$((differ + 1)); echo "s$k $report: JSON DIFFERS"; }
      sum_sq=$(echo "$sum_sq $sq" | awk '{print $1+$2}')
      sum_pg=$(echo "$sum_pg $pg" | awk '{print $1+$2}')
      case $k in 1|2|3|5|10|25|50|100|250|1000)
        printf '%-6s %9s  %-16s %8.3f %8.3f %6.2f\n' "s$k" "$emps" "${report%% *}" "$sq" "$pg" \
          "$(echo "$pg $sq" | awk '{print $1/$2}')" ;;
      esac
    done
  done
  echo "all $n organisations, three reports each: sqlite $sum_sq s, pg $sum_pg s," \
       "ratio $(echo "$sum_pg $sum_sq" | awk '{printf "%.2f", $1/$2}'), $differ JSON differ"
  ;;
http)
  year=${3:?YEAR}; dir=${4:?SQLITE_DIR}; shift 4
  gp="${BUILD:-build}/groeipad"
  export GROEIPAD_TODAY=${GROEIPAD_TODAY:-2026-11-29}
  pids=""
  pass=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT INT TERM
  # ask PORT TOKEN [LAST_YEAR]: the seconds of the fifteen report requests
  ask() {
    t=0; last=${3:-$year}
    for y in $((last - 4)) $((last - 3)) $((last - 2)) $((last - 1)) "$last"; do
      for r in "social-balance?year=$y" "training-right?year=$y" "participation?year=$y&by=age"; do
        s=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $2" \
            "http://127.0.0.1:$1/api/v1/reports/$r") || { echo "request failed: $r" >&2; exit 3; }
        t=$(echo "$t $s" | awk '{print $1+$2}')
      done
    done
    echo "$t"
  }
  up() { # wait for PORT to answer
    for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 0.1; done
    echo "server on $1 did not start" >&2; exit 3
  }
  "$gp" --pg "$url" serve --port 18301 --bind 127.0.0.1 >/dev/null 2>&1 & pids="$pids $!"
  up 18301
  printf '%-6s %9s %10s %10s %6s\n' org employees sqlite pg ratio
  for org in "$@"; do
    echo "$pass" | "$gp" --pg "$url" --org "$org" user add --login "bench-$org-$$" --role admin >/dev/null
    pgtok=$("$gp" --pg "$url" --org "$org" user token --login "bench-$org-$$")
    cp "$dir/$org.db" "$dir/http-$org.db"
    echo "$pass" | "$gp" --db "$dir/http-$org.db" user add --login bench --role admin >/dev/null
    sqtok=$("$gp" --db "$dir/http-$org.db" user token --login bench)
    "$gp" --db "$dir/http-$org.db" serve --port 18302 --bind 127.0.0.1 >/dev/null 2>&1 & sq=$!
    up 18302
    ask 18302 "$sqtok" $((year - 5)) >/dev/null # the same requests of five years before
    tsq=$(ask 18302 "$sqtok"); kill "$sq"; wait "$sq" 2>/dev/null || true
    rm -f "$dir/http-$org.db" "$dir/http-$org.db-wal" "$dir/http-$org.db-shm"
    ask 18301 "$pgtok" $((year - 5)) >/dev/null # the server's connections meet the organisation
    tpg=$(ask 18301 "$pgtok")
    emps=$(psql -qAt "$url" -c "SELECT count(*) FROM org_$org.employees")
    printf '%-6s %9s %10.3f %10.3f %6.2f\n' "$org" "$emps" "$tsq" "$tpg" "$(echo "$tpg $tsq" | awk '{print $1/$2}')"
  done
  ;;
*)
  echo "usage: pg_site.sh load|report|orgs|http URL ..." >&2
  exit 2
  ;;
esac

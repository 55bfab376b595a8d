#!/bin/sh
# A site of many organisations on PostgreSQL, sized like a sector fund's
# employers (a few big, many small), for issue 10:
#   sh bench/pg_site.sh load URL ORGS EMPLOYEES RECORDS [BUILD_DIR]
#   sh bench/pg_site.sh report URL YEAR [BUILD_DIR]
# load: ORGS organisations s1..sORGS sharing EMPLOYEES employees and RECORDS
# learning records between them; organisation k gets a share proportional to
# 1/k (harmonic: s1 holds about 1/H(ORGS) of everyone, the last ones a few
# dozen), at least 5 employees. Each organisation's files come from bench/gen
# (deterministic) and are imported with the groeipad CLI; prints the load
# time (BENCH_NO_BUILD=1: use BUILD_DIR's binaries as they are).
# report: times the sector reports (best of 3), cold (every organisation
# computed from its people) and warm (its figures read as kept for its data
# version).
# The full size of the issue (250 organisations, 1,000,000 employees,
# 25,000,000 records) is `load URL 250 1000000 25000000`.
set -eu
cmd=${1:?usage: pg_site.sh load|report URL ...}
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
*)
  echo "usage: pg_site.sh load|report URL ..." >&2
  exit 2
  ;;
esac

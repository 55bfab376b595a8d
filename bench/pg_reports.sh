#!/bin/sh
# The three legal reports of one organisation on PostgreSQL beside SQLite,
# on the same generated data (bench/gen), best of five each, and the JSON
# compared byte for byte:
#   sh bench/pg_reports.sh URL ORG SQLITE_FILE [YEAR] [BUILD_DIR]
# (URL: a site where ORG holds the data SQLITE_FILE holds; see bench/pg.sh.)
set -eu
url=$1 org=$2 file=$3 year=${4:-2025} build=${5:-build}
gp="$(realpath "$build")/groeipad"
export GROEIPAD_TODAY=${GROEIPAD_TODAY:-2026-11-29}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
secs() { date +%s.%N; }
best5() { # best of five runs of "$@" (stdout to $tmp/out), in seconds
  best=999
  for _ in 1 2 3 4 5; do
    t0=$(secs); "$@" >"$tmp/out"; t1=$(secs)
    best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; print (d<$3)?d:$3}')
  done
  echo "$best"
}
for report in "social-balance" "training-right" "participation --by gender"; do
  sq=$(best5 "$gp" --db "$file" report $report --year "$year"); cp "$tmp/out" "$tmp/sq"
  pg=$(best5 "$gp" --pg "$url" --org "$org" report $report --year "$year")
  same=$(cmp -s "$tmp/out" "$tmp/sq" && echo "same JSON" || echo "JSON DIFFERS")
  echo "$report: sqlite $sq s, pg $pg s, ratio $(echo "$pg $sq" | awk '{printf "%.2f", $1/$2}'), $same"
done

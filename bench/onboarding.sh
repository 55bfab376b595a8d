#!/bin/sh
# onboarding.sh - report onboarding (RULES.md 7) on a generated organisation:
#   sh bench/onboarding.sh BINARY [EMPLOYEES]   (default 10000)
# Makes the employees with bench/gen, gives every employee hired in the last
# year a mentor (one in seven assigned ten days late, one in eleven none),
# imports both files, and times the report five times over the whole
# organisation, next to a bare count of the rows it reads.
set -eu
binary=$(realpath "${1:-build/groeipad}")
n=${2:-10000}
gen=$(dirname "$binary")/bench/gen
[ -x "$gen" ] || ninja -C "$(dirname "$binary")" bench/gen >/dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/groeipad-onboarding-XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$gen" "$dir" "$n" 0 >/dev/null
# The latest hiring year: its newcomers are the report's.
year=$(awk -F';' 'NR > 1 { split($6, d, "/"); if (d[3] > y) y = d[3] } END { print y }' \
       "$dir/employees.csv")
awk -F';' -v year="$year" '
  NR == 1 { print "employee_id;mentor_id;from;to"; next }
  { split($6, d, "/") }
  d[3] < year && $7 == "" { mentors[m++] = $1; next }
  d[3] == year && m > 0 {
    k++
    if (k % 11 == 0) next
    from = $6
    if (k % 7 == 0) from = sprintf("%02d/%02d/%s", (d[1] + 10 > 28 ? 28 : d[1] + 10), d[2], d[3])
    print $1 ";" mentors[k % m] ";" from ";"
  }' "$dir/employees.csv" > "$dir/mentors.csv"
db="$dir/bench.db"
"$binary" --db "$db" init >/dev/null
"$binary" --db "$db" settings newcomer_months 12 >/dev/null
"$binary" --db "$db" import employees "$dir/employees.csv"
"$binary" --db "$db" import mentors "$dir/mentors.csv"
echo "report onboarding --date $year-12-31 over $n employees, 5 runs:"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "  %e s, %M KB" "$binary" --db "$db" report onboarding --date "$year-12-31" \
    > "$dir/out.json"
done
grep -A6 '"totals"' "$dir/out.json" | tr -d ' \n'; echo
if command -v sqlite3 >/dev/null; then
  echo "a bare read of the rows it uses:"
  /usr/bin/time -f "  %e s" sqlite3 "$db" "SELECT count(*), max(hire_date) FROM employees;
    SELECT count(*), max(from_date) FROM mentor_assignments;" >/dev/null
fi

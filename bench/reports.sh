#!/bin/sh
# Each report over the whole organisation against a bare read of what it
# reads (issue 16: at most 1.5 x): sqlite3 stepping the same two statements
# store/facts.c runs (every employee in employee_id order with department
# and function, and the learning totals of the report's years), summed so
# that printing costs nothing. Processor time (user + system), the best of
# BENCH_RUNS (5), since the machine is shared and wall time is noise there.
#   sh bench/reports.sh GROEIPAD DB [YEAR]
set -eu
gp=$1
db=$2
year=${3:-2025}
runs=${BENCH_RUNS:-5}
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (sh tools/deps.sh --with-tools)"; exit 1; }
cpu() { # best user+system seconds of COMMAND over $runs runs
  best=999
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f "%U %S" "$@" >/dev/null 2>&1
    t=$(tail -1 "$tf" | awk '{print $1 + $2}')
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$best"
}
people="SELECT count(*), sum(length(dn)), sum(length(fname)), sum(fte) FROM (SELECT e.id,
 e.employee_id, e.gender, e.birth_date, e.hire_date, e.exit_date, d.name dn, fn.name fname,
 e.category, e.contract, e.fte, e.education, e.born_abroad, e.disability FROM employees e
 JOIN departments d ON d.id = e.department_id JOIN functions fn ON fn.id = e.function_id
 ORDER BY e.employee_id)"
totals() { # FIRST LAST
  echo "SELECT count(*), sum(records), sum(hours), sum(cost), sum(subsidy), sum(right_hours),
 sum(employee_id) FROM learning_totals WHERE year >= $1 AND year <= $2"
}
# The training right reads its period's years so far (POLICY_RIGHT_PERIOD_*
# in src/core/policy.h: periods of 5 years from 2024).
first_right=$(( year >= 2024 ? 2024 + (year - 2024) / 5 * 5 : year ))
echo "processor seconds, best of $runs; $gp on $db"
echo "report | groeipad | bare read | ratio"
for r in "social-balance" "training-right" "participation --by age" \
         "participation --by department"; do
  first=$year
  [ "$r" = training-right ] && first=$first_right
  a=$(cpu "$gp" --db "$db" report $r --year "$year")
  b=$(cpu sqlite3 "$db" "$people; $(totals "$first" "$year")")
  echo "$r | $a | $b | $(echo "$a $b" | awk '{printf "%.2f", $1 / $2}')"
done

#!/bin/sh
# The competence gap report (RULES.md 9) against a hand-written SQL aggregate
# over the covering index assessments_latest (issue 11: at most 2 x), and the
# heatmap page of one 200-person department (issue 11: under 50 ms). Builds
# an organisation of BENCH_EMPLOYEES (default 10,000) in departments of 200,
# 20 functions of 10 competences each out of 40, and BENCH_ASSESSMENTS per
# employee (default 50) over two years. Processor time, best of BENCH_RUNS.
#   sh bench/gaps.sh GROEIPAD [DIR]
set -eu
gp=$(realpath "$1")
dir=${2:-bench/out}
n=${BENCH_EMPLOYEES:-10000}
per=${BENCH_ASSESSMENTS:-50}
runs=${BENCH_RUNS:-5}
mkdir -p "$dir"
db="$dir/gaps.db"
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (sh tools/deps.sh --with-tools)"; exit 1; }
export GROEIPAD_TODAY=2026-11-29
rm -f "$db" "$db-wal" "$db-shm"
"$gp" --db "$db" init >/dev/null
awk -v n="$n" 'BEGIN {
  print "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,category,contract,fte,education"
  for (i = 1; i <= n; i++)
    printf "B%06d,F,L,M,1980-01-01,2015-01-01,D%03d,Function %02d,blue_collar,permanent,1,medium\n",
           i, int((i - 1) / 200), i % 20
}' > "$dir/gaps-employees.csv"
awk 'BEGIN { print "code,name,kind"; for (c = 1; c <= 40; c++) printf "C%02d,Competence %d,technical\n", c, c }' \
  > "$dir/gaps-competences.csv"
awk 'BEGIN { print "function,competence_code,level_now,level_future"
  for (f = 0; f < 20; f++) for (k = 0; k < 10; k++)
    printf "Function %02d,C%02d,%d,%d\n", f, (f * 2 + k * 3) % 40 + 1, 1 + (f + k) % 4, 1 + (f + k + 1) % 4 }' \
  > "$dir/gaps-profiles.csv"
awk -v n="$n" -v per="$per" 'BEGIN { srand(11); print "employee_id,competence_code,level,assessed_on"
  for (i = 1; i <= n; i++) for (k = 0; k < per; k++)
    printf "B%06d,C%02d,%d,%d-%02d-%02d\n", i, int(rand() * 40) + 1, int(rand() * 5),
           2025 + int(rand() * 2), 1 + int(rand() * 10), 1 + int(rand() * 28) }' \
  > "$dir/gaps-assessments.csv"
for kind in employees competences profiles assessments; do
  "$gp" --db "$db" import "$kind" "$dir/gaps-$kind.csv"
done
cpu() { # best user+system seconds of COMMAND over $runs runs
  best=999
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f "%U %S" "$@" >/dev/null 2>&1
    t=$(tail -1 "$tf" | awk '{print $1 + $2}')
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$best"
}
# The same figures by hand: per competence, the latest assessment per
# employee on the day, against the profile of their function.
aggregate="SELECT c.code, count(*), sum(CASE WHEN p.level_now > coalesce(a.level, 0)
 THEN p.level_now - coalesce(a.level, 0) ELSE 0 END)
 FROM employees e JOIN function_profiles p ON p.function_id = e.function_id AND p.level_now > 0
 JOIN competences c ON c.id = p.competence_id
 LEFT JOIN (SELECT employee_id, competence_id, level FROM (SELECT employee_id, competence_id,
  level, row_number() OVER (PARTITION BY employee_id, competence_id ORDER BY assessed_on DESC,
  id DESC) rn FROM assessments WHERE assessed_on <= '2026-11-29') WHERE rn = 1) a
  ON a.employee_id = e.id AND a.competence_id = p.competence_id
 WHERE e.hire_date <= '2026-11-29' AND (e.exit_date IS NULL OR e.exit_date >= '2026-11-29')
 GROUP BY c.code ORDER BY c.code;"
# The least any answer must read: one pass over the covering index, the
# latest day per employee and competence.
scan="SELECT count(*), sum(d) FROM (SELECT employee_id, competence_id, max(assessed_on) d
 FROM assessments WHERE assessed_on <= '2026-11-29' GROUP BY employee_id, competence_id);"
records=$(sqlite3 "$db" "SELECT count(*) FROM assessments")
echo "employees $n, assessments $records"
report=$(cpu "$gp" --db "$db" report gaps)
sql=$(cpu sqlite3 "$db" "$aggregate")
bare=$(cpu sqlite3 "$db" "$scan")
echo "report gaps (JSON, every employee): ${report} s; SQL aggregate of the same figures:" \
  "${sql} s, ratio $(echo "$report $sql" | awk '{printf "%.2f", $1 / $2}') (target <= 2);" \
  "bare covering-index scan: ${bare} s, ratio $(echo "$report $bare" | awk '{printf "%.2f", $1 / $2}')"
# The heatmap of department D000 (200 people), server time as curl sees it.
port=$((20000 + $$ % 20000))
"$gp" --db "$db" serve --port "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$tf"' EXIT
printf 'bench-password\n' | "$gp" --db "$db" user add --login bench --role admin >/dev/null
token=$("$gp" --db "$db" user token --login bench | tail -1)
for _ in $(seq 50); do curl -s "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
best=9
for _ in $(seq "$runs"); do
  # A fresh data version each time, so the page cache cannot answer.
  sqlite3 "$db" "UPDATE data_version SET version = version + 1" 2>/dev/null || true
  t=$(curl -s -o /dev/null -w '%{time_starttransfer}' -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/gaps?department=D000")
  best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
done
echo "heatmap of a 200-person department: $(echo "$best" | awk '{printf "%.1f", $1 * 1000}') ms (target < 50)"

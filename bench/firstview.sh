#!/bin/sh
# The first view of each page after a write (issue 16): repeat views come
# from the page cache, but the first one after any change does the work, so
# it must not grow with the number of learning records. For each page: a
# write (a setting changed, which moves the data version), then one timed
# request; the best of BENCH_RUNS (3), in seconds. With GROEIPAD_B and DB_B
# the same pages are measured with that binary too, side by side.
#   sh bench/firstview.sh GROEIPAD DB [GROEIPAD_B DB_B]
# DB is a benchmark database (bench/run.sh or bench/gen makes one; the
# script adds the demo logins and a manager's team once, as bench/pages.sh
# does). BENCH_PORT (18800), BENCH_PAGES ("role:/path ...").
set -eu
gp=$1
db=$2
gp_b=${3:-}
db_b=${4:-}
runs=${BENCH_RUNS:-3}
port=${BENCH_PORT:-18800}
work=$(mktemp -d)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The logins and a manager with a team of 50, once per database.
setup_db() { # BINARY DB
  if ! "$1" --db "$2" user token --login admin >/dev/null 2>&1; then
    for r in admin manager employee mentor representative; do
      case $r in
        manager) emp="--employee E0000002" ;;
        employee) emp="--employee E0000011" ;;
        mentor) emp="--employee E0000003" ;;
        *) emp="" ;;
      esac
      # shellcheck disable=SC2086
      echo "demo-$r" | "$1" --db "$2" user add --login "$r" --role "$r" $emp >/dev/null
    done
    src=$(dirname "$2")/employees.csv
    if [ -f "$src" ]; then
      awk -F';' 'NR==1 {print $0 ";manager_id"} NR>=12 && NR<=61 {print $0 ";E0000002"}' \
        "$src" >"$work/team.csv"
      "$1" --db "$2" import employees "$work/team.csv" >/dev/null
    fi
  fi
}

start_server() { # BINARY DB PORT
  "$1" --db "$2" init >/dev/null
  "$1" --db "$2" serve --port "$3" --bind 127.0.0.1 >"$work/serve-$3.log" 2>&1 &
  pids="$pids $!"
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$3/healthz" >/dev/null && return 0
    sleep 0.1
  done
  echo "server on $3 did not start"; cat "$work/serve-$3.log"; exit 1
}

# Logs ROLE in on PORT and prints the session cookie.
login() {
  jar="$work/jar-$1-$2"
  curl -s -o /dev/null -c "$jar" "http://127.0.0.1:$1/login"
  csrf=$(awk '$6 == "gp_csrf" {print $7}' "$jar")
  curl -s -o /dev/null -b "$jar" -c "$jar" -d "login=$2&password=demo-$2&csrf=$csrf" \
    "http://127.0.0.1:$1/login"
  awk '$6 == "gp_session" {print $7}' "$jar"
}

# Makes the 2025 plan through the web form as the admin, once.
make_plan() { # PORT COOKIE
  tok=$(curl -s -b "gp_session=$2" "http://127.0.0.1:$1/plans" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "gp_session=$2" -d "year=2025&csrf=$tok" "http://127.0.0.1:$1/plans"
}

# The best of $runs first views of PATH on PORT as COOKIE, each after a
# write through BINARY on DB.
first_view() { # BINARY DB PORT PATH COOKIE
  best=999
  for _ in $(seq "$runs"); do
    "$1" --db "$2" settings name "Bench $(date +%s%N)" >/dev/null
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "gp_session=$5" \
      "http://127.0.0.1:$3$4")
    code=${out% *}
    [ "$code" = 200 ] || { echo "HTTP $code"; return; }
    best=$(echo "${out#* } $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$best"
}

setup_db "$gp" "$db"
start_server "$gp" "$db" "$port"
if [ -n "$gp_b" ]; then
  setup_db "$gp_b" "$db_b"
  start_server "$gp_b" "$db_b" "$((port + 1))"
fi
roles="admin manager employee mentor representative"
for r in $roles; do
  eval "a_$r=\$(login $port $r)"
  [ -n "$gp_b" ] && eval "b_$r=\$(login $((port + 1)) $r)"
done
make_plan "$port" "$a_admin"
[ -n "$gp_b" ] && make_plan "$((port + 1))" "$b_admin"

pages=${BENCH_PAGES:-"admin:/ admin:/reports admin:/plans admin:/plans/2025
admin:/plans/2025/evaluation admin:/plans/2025/package admin:/employees admin:/catalogue
admin:/scans manager:/ manager:/team/right employee:/ employee:/my employee:/my/right
representative:/ representative:/reports representative:/plans"}

records=$(sqlite3 "$db" "SELECT sum(records) FROM learning_totals" 2>/dev/null || echo "?")
echo "first view after a write, seconds (best of $runs); $records learning records"
head="page | $gp"
[ -n "$gp_b" ] && head="$head | $gp_b"
echo "$head"
for p in $pages; do
  r=${p%%:*}
  path=${p#*:}
  eval "cookie=\$a_$r"
  line="$r $path | $(first_view "$gp" "$db" "$port" "$path" "$cookie")"
  if [ -n "$gp_b" ]; then
    eval "cookie=\$b_$r"
    line="$line | $(first_view "$gp_b" "$db_b" "$((port + 1))" "$path" "$cookie")"
  fi
  echo "$line"
done

#!/bin/sh
# Every logged-in HTML page against nginx serving a static 2 KB file, side by
# side in one run (DESIGN §5; goal: each page >= 0.3 x nginx).
#   sh bench/pages.sh GROEIPAD DB [GROEIPAD_B DB_B]
# DB is a benchmark database (bench/run.sh makes one); the script adds the
# five demo logins and a small team to it once. With GROEIPAD_B and DB_B,
# every page is measured with that binary too (before/after), in turn.
# Repeated views of unchanged data come from the cache; the last column is
# the first view after a write (a setting changed), which does the work.
# Needs wrk; without nginx it says so and measures groeipad alone.
# BENCH_SECONDS (5) per measurement, BENCH_PORT (18700), BENCH_PAGES (every
# page: "role:/path role:/path ...").
set -eu
gp=$1
db=$2
gp_b=${3:-}
db_b=${4:-}
secs=${BENCH_SECONDS:-5}
port=${BENCH_PORT:-18700}
work=$(mktemp -d)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
command -v wrk >/dev/null || { echo "wrk is missing (sh tools/deps.sh --with-tools)"; exit 1; }

# The logins and a manager with a team of 50, once per database.
setup_db() {
  d=$1
  if ! "$gp" --db "$d" user token --login admin >/dev/null 2>&1; then
    for r in admin manager employee mentor representative; do
      case $r in
        manager) emp="--employee E0000002" ;;
        employee) emp="--employee E0000011" ;;
        mentor) emp="--employee E0000003" ;;
        *) emp="" ;;
      esac
      # shellcheck disable=SC2086
      echo "demo-$r" | "$gp" --db "$d" user add --login "$r" --role "$r" $emp >/dev/null
    done
    src=$(dirname "$d")/employees.csv
    if [ -f "$src" ]; then
      awk -F';' 'NR==1 {print $0 ";manager_id"} NR>=12 && NR<=61 {print $0 ";E0000002"}' \
        "$src" >"$work/team.csv"
      "$gp" --db "$d" import employees "$work/team.csv" >/dev/null
    fi
  fi
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

# Makes the 2025 plan through the web form as the admin on PORT with COOKIE,
# once (a second time answers an error that is ignored).
make_plan() {
  tok=$(curl -s -b "gp_session=$2" "http://127.0.0.1:$1/plans" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "gp_session=$2" -d "year=2025&csrf=$tok" "http://127.0.0.1:$1/plans"
}

rps() { # URL [COOKIE]
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "gp_session=${2:-}" "$1")
  if [ "$code" != 200 ]; then
    echo "HTTP $code"
    return
  fi
  if [ -n "${2:-}" ]; then
    wrk -t2 -c32 -d"${secs}s" -H "Cookie: gp_session=$2" "$1"
  else
    wrk -t2 -c32 -d"${secs}s" "$1"
  fi | awk '/^Requests\/sec/ {printf "%.0f", $2} /Non-2xx/ {printf " (non-2xx: %s)", $NF}'
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

nginx_url=""
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  ngx=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$work/www"
  head -c 2048 /dev/zero | tr '\0' 'x' >"$work/www/static.html"
  cat >"$work/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:$((port + 10)); root $work/www; }
}
EOF
  "$ngx" -c "$work/nginx.conf" -e "$work/nginx-error.log"
  sleep 0.5
  pids="$pids $(cat "$work/nginx.pid")"
  nginx_url="http://127.0.0.1:$((port + 10))/static.html"
else
  echo "nginx is not installed: measuring groeipad alone (apt-get install nginx-light)"
fi

setup_db "$db"
start_server "$gp" "$db" "$port"
if [ -n "$gp_b" ]; then
  gp_a=$gp
  gp=$gp_b
  setup_db "$db_b"
  gp=$gp_a
  start_server "$gp_b" "$db_b" "$((port + 1))"
fi

pages=${BENCH_PAGES:-"admin:/ admin:/employees admin:/employees/E0000011 admin:/catalogue
admin:/catalogue/edit admin:/reports admin:/reports?year=2024 admin:/plans admin:/scans
admin:/plans/2025 admin:/plans/2025/evaluation admin:/plans/2025/package
admin:/users admin:/account admin:/import admin:/team/claims admin:/my admin:/my/right
manager:/ manager:/employees manager:/team/right manager:/team/claims
employee:/ employee:/my employee:/my/log employee:/my/right employee:/catalogue
mentor:/ mentor:/my representative:/ representative:/reports representative:/plans
representative:/scans"}

roles="admin manager employee mentor representative"
for r in $roles; do
  eval "c_$r=\$(login $port $r)"
  [ -n "$gp_b" ] && eval "b_$r=\$(login $((port + 1)) $r)"
done
make_plan "$port" "$c_admin"
[ -n "$gp_b" ] && make_plan "$((port + 1))" "$b_admin"

head="page"
[ -n "$nginx_url" ] && head="$head | nginx static"
head="$head | groeipad"
[ -n "$nginx_url" ] && head="$head | ratio"
[ -n "$gp_b" ] && head="$head | $gp_b"
head="$head | first view after a write (s)"
echo "wrk -t2 -c32 -d${secs}s, requests/s ($gp on $db)"
echo "$head"
# nginx is measured before and after every page and the two averaged, so
# the ratio holds while the shared machine's speed drifts.
for p in $pages; do
  r=${p%%:*}
  path=${p#*:}
  eval "cookie=\$c_$r"
  ca=$cookie
  line="$r $path"
  [ -n "$nginx_url" ] && n1=$(rps "$nginx_url")
  a=$(rps "http://127.0.0.1:$port$path" "$cookie")
  if [ -n "$gp_b" ]; then
    eval "cookie=\$b_$r"
    b=$(rps "http://127.0.0.1:$((port + 1))$path" "$cookie")
  fi
  if [ -n "$nginx_url" ]; then
    n2=$(rps "$nginx_url")
    base=$(echo "$n1 $n2" | awk '{printf "%.0f", ($1 + $2) / 2}')
    line="$line | $base | $a | $(echo "${a%% *} $base" | awk '{printf "%.2f", $1/$2}')"
  else
    line="$line | $a"
  fi
  [ -n "$gp_b" ] && line="$line | $b"
  "$gp" --db "$db" settings name "Bench $(date +%s%N)" >/dev/null
  cold=$(curl -s -o /dev/null -w '%{time_total}' -b "gp_session=$ca" \
    "http://127.0.0.1:$port$path")
  echo "$line | $cold"
done

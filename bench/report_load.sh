#!/bin/sh
# 32 clients asking the training-right report at once (DESIGN §5 / issue 16:
# p50 under 0.5 s), and the server's memory before, during and after
# (goal: under 64 MB resident at idle).
#   sh bench/report_load.sh GROEIPAD DB [YEAR]
# DB: a benchmark database with an admin login (bench/pages.sh adds one).
# BENCH_SECONDS (10), BENCH_PORT (18720), BENCH_ENCODING (empty, or gzip).
set -eu
gp=$1
db=$2
year=${3:-2025}
secs=${BENCH_SECONDS:-10}
port=${BENCH_PORT:-18720}
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
command -v wrk >/dev/null || { echo "wrk is missing (sh tools/deps.sh --with-tools)"; exit 1; }
"$gp" --db "$db" init >/dev/null
token=$("$gp" --db "$db" user token --login admin)
"$gp" --db "$db" serve --port "$port" --bind 127.0.0.1 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
mem() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status"; echo; }
url="http://127.0.0.1:$port/api/v1/reports/training-right?year=$year"
enc=""
[ -n "${BENCH_ENCODING:-}" ] && enc="Accept-Encoding: ${BENCH_ENCODING}"
echo "binary $gp, database $db"
echo "idle after start:      $(mem)"
t0=$(date +%s.%N)
size=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" \
  ${enc:+-H "$enc"} "$url")
t1=$(date +%s.%N)
echo "first answer: $size bytes in $(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}') s"
echo "after one report:      $(mem)"
if [ -n "$enc" ]; then
  wrk -t2 -c32 -d"${secs}s" --latency -H "Authorization: Bearer $token" -H "$enc" "$url" >"$work/wrk"
else
  wrk -t2 -c32 -d"${secs}s" --latency -H "Authorization: Bearer $token" "$url" >"$work/wrk"
fi
awk '/Requests\/sec/ {print "wrk -t2 -c32 -d'"$secs"'s: " $2 " requests/s"}
     /^ +50%/ {print "latency p50 " $2} /^ +90%/ {print "latency p90 " $2}
     /^ +99%/ {print "latency p99 " $2} /Non-2xx|Socket errors/ {print}' "$work/wrk"
echo "right after the load:  $(mem)"
sleep 5
echo "idle 5 s later:        $(mem)"
# The same bytes from nginx, as a static file: what this machine's loopback
# and wrk allow for answers this large.
ngx=$(command -v nginx || echo /usr/sbin/nginx)
if [ -x "$ngx" ]; then
  mkdir -p "$work/www"
  curl -s -o "$work/www/report.json" -H "Authorization: Bearer $token" "$url"
  [ -n "$enc" ] && gzip -1 -k "$work/www/report.json"
  cat >"$work/nginx.conf" <<NGX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; gzip_static on; types { application/json json; }
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:$((port + 10)); root $work/www; }
}
NGX
  "$ngx" -c "$work/nginx.conf" -e "$work/nginx-error.log"
  sleep 0.5
  echo "nginx, the same answer as a static file:"
  wrk -t2 -c32 -d"${secs}s" --latency ${enc:+-H "$enc"} \
    "http://127.0.0.1:$((port + 10))/report.json" >"$work/wrk"
  kill "$(cat "$work/nginx.pid")"
  awk '/Requests\/sec/ {print "wrk -t2 -c32 -d'"$secs"'s: " $2 " requests/s"}
       /^ +50%/ {print "latency p50 " $2} /^ +90%/ {print "latency p90 " $2}
       /Non-2xx|Socket errors/ {print}' "$work/wrk"
else
  echo "nginx is not installed: no static comparison"
fi

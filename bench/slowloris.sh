#!/bin/sh
# Slow connections: one address (127.0.0.1) holds CONNECTIONS slow connections
# (default 5000) for SECONDS (default 30) while another (127.0.0.2) asks
# /healthz and a logged-in page; prints how many of those were answered and
# how fast. Loopback only.
#   sh bench/slowloris.sh [BUILD_DIR] [CONNECTIONS] [SECONDS]
set -eu
build=${1:-build}
n=${2:-5000}
secs=${3:-30}
port=${SLOWLORIS_PORT:-18471}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
ninja -C "$build" groeipad bench/slowloris >/dev/null
"$build/groeipad" --db "$dir/demo.db" demo >/dev/null
"$build/groeipad" --db "$dir/demo.db" serve --bind 127.0.0.1 --port "$port" 2>"$dir/serve.log" &
pid=$!
i=0
until "$build/bench/slowloris" "$port" 1 1 >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 50 ] || { echo "the server did not start"; cat "$dir/serve.log"; exit 1; }
  sleep 0.2
done
# What the server holds: its established connections, sampled each second.
( most=0; while kill -0 "$pid" 2>/dev/null; do
    now=$(ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l)
    [ "$now" -gt "$most" ] && most=$now && echo "$most" > "$dir/most"
    sleep 1
  done ) &
sampler=$!
status=0
"$build/bench/slowloris" "$port" "$n" "$secs" || status=$?
kill "$sampler" 2>/dev/null || true
echo "server side: at most $(cat "$dir/most" 2>/dev/null || echo '?') connections established at once"
exit $status

#!/bin/sh
# pg-temp.sh - a throw-away PostgreSQL 15 server for tests and benchmarks.
#
#   eval "$(tools/pg-temp.sh start DIR)"   starts one in DIR (made if needed) and
#                                          prints GROEIPAD_TEST_PG=<url>
#   tools/pg-temp.sh stop DIR               stops it and removes DIR
#
# The socket lives in DIR (no TCP port); the server runs as an unprivileged
# user when called as root (PostgreSQL refuses to run as root). The C
# collation keeps text sorting byte by byte, as on SQLite. PG_TEMP_OPTIONS
# adds server settings, e.g. those docs/scale.md gives a site:
#   PG_TEMP_OPTIONS="-c shared_buffers=6GB -c random_page_cost=1.1"
set -eu
cmd=${1:?usage: pg-temp.sh start|stop DIR}
dir=${2:?usage: pg-temp.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "pg-temp.sh: PostgreSQL is not installed (apt-get install postgresql-15)" >&2
    exit 3
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}
case $cmd in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir" && chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U groeipad --auth=trust --locale=C.UTF-8 \
        --encoding=UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 3; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_TEMP_OPTIONS:-}" \
        start || { cat "$dir/server.log" >&2; exit 3; }
    as_owner "$bin/createdb" -h "$dir" -U groeipad groeipad
    echo "GROEIPAD_TEST_PG='postgresql:///groeipad?host=$dir&user=groeipad'; export GROEIPAD_TEST_PG"
    ;;
stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -s stop || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-temp.sh start|stop DIR" >&2
    exit 2
    ;;
esac

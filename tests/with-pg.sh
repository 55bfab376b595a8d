#!/bin/sh
# with-pg.sh TEST [ARGS...] - runs a test binary against a throw-away
# PostgreSQL server of its own (tools/pg-temp.sh), removed afterwards, so that
# the suites written for SQLite run unchanged on PostgreSQL.
set -u
here=$(dirname "$(realpath "$0")")
dir=$(mktemp -d /tmp/groeipad-pg-XXXXXX)
trap '"$here/../tools/pg-temp.sh" stop "$dir"' EXIT INT TERM
env_line=$("$here/../tools/pg-temp.sh" start "$dir") || exit 1
eval "$env_line"
"$@"

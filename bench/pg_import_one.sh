#!/bin/sh
# One run of the import comparison of bench/pg.sh, for timing as a whole:
#   sh bench/pg_import_one.sh ours URL ORG FILE [BUILD_DIR]  empties ORG's learning
#       (TRUNCATE, a few ms) and imports FILE with groeipad
#   sh bench/pg_import_one.sh bare URL TABLE FILE            empties TABLE and
#       loads FILE with psql \copy
set -eu
what=$1 url=$2 target=$3 file=$4 build=${5:-build}
case $what in
ours)
  psql -q "$url" -c "SET client_min_messages TO warning" \
       -c "TRUNCATE org_$target.learning_records, org_$target.learning_totals CASCADE"
  "$build/groeipad" --pg "$url" --org "$target" import learning "$file" >/dev/null
  ;;
bare)
  psql -q "$url" -c "TRUNCATE $target"
  psql -q "$url" -c "\\copy $target FROM '$file' CSV HEADER"
  ;;
esac

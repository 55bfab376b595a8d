#!/bin/sh
# Sums the cmocka results in a meson test log, and the closing line ("N
# passed, N failed") of each further log given (the browser tests, the fuzz
# targets), into one closing line: "N passed, N failed".
# Exits non-zero when anything failed or nothing ran.
# Usage: test-summary.sh BUILD [LOG...]
log="$1/meson-logs/testlog.txt"
shift
[ -f "$log" ] || { echo "0 passed, 1 failed"; exit 1; }
passed=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
# A suite that died before cmocka could count (a crash, a sanitizer report)
# counts as a failure too.
broken=$(grep -cE '^[ 0-9]+/[0-9]+ .* (FAIL|TIMEOUT)' "$log" || true)
[ "$failed" -eq 0 ] && [ "${broken:-0}" -gt 0 ] && failed=$broken
for more in "$@"; do
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$more" 2>/dev/null | tail -n 1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  else
    failed=$((failed + 1)) # that run did not get to its end
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/bin/sh
# Runs the browser tests: installs their two npm packages once (from the
# lock file), then drives Debian's Chromium against a fresh demo server.
set -eu
here=$(dirname "$0")
binary=$(realpath "${1:-build/groeipad}")
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/e2e.mjs" "$binary"

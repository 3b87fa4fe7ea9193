#!/usr/bin/env bash
# Runs the README's walkthrough against the embedded build (target/embedded, built with
# `./parley mvn package -Dembedded`): starts Parley on free ports with a fresh data folder, runs every ```bash block
# that follows a `<!-- readme-walkthrough -->` line of README.md, in order and in one shell (the only change: the URL
# http://localhost:8080 becomes the free port's), checks what they did, and stops Parley. It also checks that the
# first screen (the log up to the welcome banner) shows no stack traces.
# Needs bash, curl, sed, awk and node. README=<file> runs another copy of the README (e.g. an older one).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../embedded.sh"
readme="$(realpath "${README:-$root/README.md}")"
embedded_start readme
# A newcomer's first screen (everything up to the welcome banner) has no stack traces.
if sed -n '1,/^=== Parley/p' "$log" | grep -nE 'Exception|^[[:space:]]+at [a-z]'; then
  echo "README walkthrough: stack traces before the welcome banner of ./parley run (above)" >&2
  exit 1
fi

script="$data/walkthrough.sh"
awk '/<!-- readme-walkthrough -->/ { wanted = 1; next }
     wanted && /^```bash/ { inside = 1; next }
     inside && /^```/ { inside = 0; wanted = 0; next }
     inside' "$readme" | sed "s#http://localhost:8080#$url#g" >"$script"
blocks=$(grep -c -- '<!-- readme-walkthrough -->' "$readme")
echo "running $blocks README blocks ($(wc -l <"$script") lines) right after readiness"
cat >>"$script" <<'CHECKS'
# --- checks (not in the README): what the walkthrough did ---
fail() { echo "README walkthrough: $*" >&2; exit 1; }
[ -n "$CH" ] || fail "no channel id"
[ -n "$CUST" ] || fail "the customer was not found (CUST is empty)"
[ -n "$SESSION" ] || fail "no session id"
timeline=$(curl -s -H "Authorization: Bearer $SUP" "$PARLEY_URL/api/customers/$CUST/timeline")
echo "$timeline" | grep -q 'Холодильник пришёл с вмятиной' || fail "the visitor's message is not in the timeline: $timeline"
echo "$timeline" | grep -q 'Оформим замену, пришлите фото' || fail "the reply is not in the timeline: $timeline"
decision=$(curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"conversation":{"conversation":{"channel":"vk","language":"ru"},"classification":{"category":"damage"}}}' \
  "$PARLEY_URL/api/admin/routing/dry-run")
echo "$decision" | grep -q '"filter":"damage claims"' || fail "the dry run did not take the filter 'damage claims': $decision"
echo "$decision" | grep -q '"step":0' || fail "the dry run is not at step 0: $decision"
echo "$decision" | grep -q '"queue":"claims"' || fail "the dry run did not choose the queue claims: $decision"
echo "$decision" | grep -q '"winner":"olga"' || fail "olga is not the winner: $decision"
overflow=$(curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"step":1,"conversation":{"conversation":{"channel":"vk","language":"ru"},"classification":{"category":"damage"}}}' \
  "$PARLEY_URL/api/admin/routing/dry-run")
echo "$overflow" | grep -q '"step":1' || fail "the overflow dry run is not at step 1: $overflow"
echo "$overflow" | grep -q '"queue":"general"' || fail "the overflow dry run did not choose the queue general: $overflow"
echo "README walkthrough checks passed"
CHECKS
status=0
(cd "$root" && PARLEY_URL="$url" bash -eu "$script") >"$data/walkthrough.out" 2>&1 || status=$?
cat "$data/walkthrough.out"
if [ "$status" != 0 ]; then
  echo "README walkthrough failed; the last lines of Parley's log:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"

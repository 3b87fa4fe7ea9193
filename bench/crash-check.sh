#!/usr/bin/env bash
# Crash safety check: kill -9 Parley (and with it the in-process Kafka broker) while visitors' messages are being
# accepted, start it again, and check that every message that got its 202 is stored, exactly once.
# Usage: bench/crash-check.sh [rate] [seconds] [kill-after-seconds]    Needs psql. Uses a separate data dir.
# PARLEY_JAVA_OPTS adds JVM options to both starts (e.g. -D settings to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-300}
seconds=${2:-30}
kill_after=${3:-10}
dir="$PWD/target/crash-check"
rm -rf "$dir" && mkdir -p "$dir"
./parley mvn -q -B package -Dembedded
start() {
  ./parley java ${PARLEY_JAVA_OPTS:-} -Dquarkus.profile=embedded -Dparley.embedded.dir="$dir/data" \
    -jar target/embedded/quarkus-app/quarkus-run.jar >>"$dir/parley.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' localhost:8080/q/health/ready)" = 200 ] && return
    sleep 1
  done
  echo "Parley did not become ready" >&2; exit 1
}
start
./parley java bench/InAppLoad.java --rate "$rate" --seconds "$seconds" --accepted-file "$dir/accepted.txt" \
  >"$dir/load.log" 2>&1 &
load=$!
sleep "$kill_after"
before=$(grep -o 'accepted=[0-9]*' "$dir/load.log" | tail -1)
kill -9 "$pid"
accepted_at_kill=${before#accepted=}
echo "killed Parley (pid $pid) with kill -9 at ${kill_after}s ($before so far)"
sleep 3
start
ready=$(date +%s.%N)
echo "restarted"
channel=$(sed -n 's/^channel //p' "$dir/load.log")
sql="psql -h 127.0.0.1 -p 55432 -U postgres -d parley -At -c"
for _ in $(seq 1 600); do
  [ "$($sql "SELECT count(*) FROM messages WHERE channel_id = '$channel'")" -ge "$accepted_at_kill" ] && break
  sleep 0.2
done
echo "messages accepted before the kill all stored $(echo "$(date +%s.%N) - $ready" | bc) s after readiness"
wait "$load" || true
accepted=$(wc -l < "$dir/accepted.txt")
for _ in $(seq 1 120); do
  stored=$($sql "SELECT count(*) FROM messages WHERE channel_id = '$channel'")
  [ "$stored" -ge "$accepted" ] && break
  sleep 1
done
missing=$(psql -q -h 127.0.0.1 -p 55432 -U postgres -d parley -At <<SQL
CREATE TEMP TABLE accepted (external_id text);
\copy accepted FROM '$dir/accepted.txt'
SELECT count(*) FROM accepted a WHERE NOT EXISTS
  (SELECT 1 FROM messages m WHERE m.channel_id = '$channel' AND m.external_id = a.external_id);
SQL
)
duplicates=$($sql "SELECT count(*) - count(DISTINCT external_id) FROM messages WHERE channel_id = '$channel'")
grep -E '^offered|^accept latency' "$dir/load.log"
echo "accepted (202) $accepted; stored $stored; accepted but missing $missing; duplicates $duplicates"
kill "$pid"
[ "$missing" = 0 ] && [ "$duplicates" = 0 ]

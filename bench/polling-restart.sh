#!/usr/bin/env bash
# Polling channel across a graceful restart: a Telegram bot in long-polling mode (25 s) against bench/fake-telegram.py
# (one message every 0.1 s, its creation time as its text); Parley is stopped with SIGTERM and started again, and the
# script reports how long the stop and the start took and how late the messages created meanwhile were stored
# (stored_at minus creation time; the largest is the restart's whole gap).
# Usage: bench/polling-restart.sh [seconds-before-stop] [seconds-down]   Needs psql and python3. Own data dir.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-10}
down=${2:-3}
dir="$PWD/target/polling-restart"
rm -rf "$dir" && mkdir -p "$dir" && chmod 755 "$dir"
./parley mvn -q -B package -Dembedded -DskipTests
python3 bench/fake-telegram.py 18181 >"$dir/fake.log" 2>&1 &
fake=$!
finish() {
  kill "$fake" 2>/dev/null || true
  if [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; then
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}
trap finish EXIT
start() {
  ./parley java ${PARLEY_JAVA_OPTS:-} -Dquarkus.profile=embedded -Dparley.embedded.dir="$dir/data" \
    -jar target/embedded/quarkus-app/quarkus-run.jar >>"$dir/parley.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' localhost:8080/q/health/ready)" = 200 ] && return
    sleep 0.25
  done
  echo "Parley did not become ready" >&2; exit 1
}
start
admin=$(curl -s 'http://localhost:8080/dev/token?role=admin')
channel=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"type":"telegram","name":"restart bench","config":{"mode":"polling","apiBaseUrl":"http://127.0.0.1:18181","pollTimeoutSeconds":"25"},"secrets":{"botToken":"123456789:AAEbenchTokenForPollingRestart00000"}}' \
  http://localhost:8080/api/admin/channels | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
echo "channel $channel; running ${before}s before the stop"
sleep "$before"
stop_at=$(date +%s%3N)
kill "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
stopped_at=$(date +%s%3N)
sleep "$down"
start_at=$(date +%s%3N)
start
ready_at=$(date +%s%3N)
sleep 15
sql="psql -h 127.0.0.1 -p 55432 -U postgres -d parley -At -c"
echo "stop took $((stopped_at - stop_at)) ms; down ${down} s; start to ready $((ready_at - start_at)) ms"
$sql "SELECT 'created during the restart: ' || count(*) || ' messages; stored after readiness: first ' ||
        round(extract(epoch FROM min(stored_at)) * 1000 - $ready_at) || ' ms, all by ' ||
        round(extract(epoch FROM max(stored_at)) * 1000 - $ready_at) || ' ms; largest delay ' ||
        round(max(extract(epoch FROM stored_at) * 1000 - text::bigint)) || ' ms'
      FROM messages WHERE channel_id = '$channel' AND text::bigint BETWEEN $stop_at AND $ready_at"
$sql "SELECT 'steady state, the 5 s before the stop: median delay ' ||
        round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM stored_at) * 1000 - text::bigint)) ||
        ' ms, largest ' || round(max(extract(epoch FROM stored_at) * 1000 - text::bigint)) || ' ms over ' ||
        count(*) || ' messages' FROM messages
      WHERE channel_id = '$channel' AND text::bigint BETWEEN $stop_at - 5000 AND $stop_at"

#!/usr/bin/env bash
# Reports benchmark: starts the embedded build (target/embedded, `./parley mvn package -Dembedded -DskipTests`) on free
# ports, seeds 1,000,000 conversations over 30 days (bench/reports-seed.sql), waits for the rollup refresh to take
# them in (timed), then asks each report RUNS times (after 5 unmeasured warm-ups) and prints p50 / p95 / max in ms.
# Usage: [RUNS=40] bench/reports-load.sh     Needs psql, curl, node (for free ports).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-40}
source src/test/embedded.sh
started=$(mktemp)
embedded_start reports -Dparley.reports.rollup-interval=2s >"$started"
cat "$started"
pg_port=$(sed -n 's/.*(PostgreSQL \([0-9]*\),.*/\1/p' "$started")
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d parley -qAt "$@"; }

echo "seeding"
t0=$(date +%s.%N)
sql -f bench/reports-seed.sql >/dev/null
t1=$(date +%s.%N)
seeded=$(sql -c "SELECT now()")
echo "seeded $(sql -c "SELECT count(*) FROM conversation_facts") conversations and $(sql -c "SELECT count(*) FROM operator_state_intervals") state intervals in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s"
for _ in $(seq 1 900); do
  [ "$(sql -c "SELECT refreshed_at > '$seeded' FROM report_rollup_state WHERE name = 'hourly'")" = t ] && break
  sleep 1
done
t2=$(date +%s.%N)
echo "rollups rebuilt from scratch within $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", b - a }') s of the seed:" \
  "$(sql -c "SELECT count(*) FROM report_conversations_hourly") conversation rows," \
  "$(sql -c "SELECT count(*) FROM report_operator_states_hourly") operator state rows"

token=$(curl -s "$url/dev/token?role=supervisor")
to=$(date -u +%F)
from30=$(date -u -d "$to - 30 days" +%F)
from7=$(date -u -d "$to - 7 days" +%F)
measure() { # $1 = label, $2 = path and query
  local times
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -H "Authorization: Bearer $token" "$url$2"; done
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url$2")
  [ "$code" = 200 ] || { echo "$1: HTTP $code"; return; }
  times=$(for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url$2"
  done | sort -n)
  echo "$times" | awk -v l="$1" '{ t[NR] = $1 * 1000 } END {
    p50 = t[int(NR * 0.5 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)];
    printf "| %s | %.0f | %.0f | %.0f |\n", l, p50, p95, t[NR] }'
}
echo "| report (30 days = 1,000,000 conversations unless said) | p50 ms | p95 ms | max ms |"
echo "|---|---|---|---|"
measure "queues, by day" "/api/reports/queues?from=$from30&to=$to&group=day"
measure "queues, by week, Europe/Moscow" "/api/reports/queues?from=$from30&to=$to&group=week&tz=Europe/Moscow"
measure "queues, 7 days by hour" "/api/reports/queues?from=$from7&to=$to&group=hour"
measure "queues, by day, one queue" "/api/reports/queues?from=$from30&to=$to&group=day&queue=support"
measure "queues, by day, CSV" "/api/reports/queues?from=$from30&to=$to&group=day&format=csv"
measure "operators, by day" "/api/reports/operators?from=$from30&to=$to&group=day"
measure "operators, by day, one team" "/api/reports/operators?from=$from30&to=$to&group=day&team=bench-team-2"
measure "topics, by day" "/api/reports/topics?from=$from30&to=$to&group=day"
measure "channels, by day" "/api/reports/channels?from=$from30&to=$to&group=day"
measure "channels, by day, one channel" "/api/reports/channels?from=$from30&to=$to&group=day&channel=telegram"
measure "queues, by day, one operator (reads the facts)" "/api/reports/queues?from=$from30&to=$to&group=day&operator=bench-op7"
measure "operators, by day, one category (reads the facts)" "/api/reports/operators?from=$from30&to=$to&group=day&category=payment"

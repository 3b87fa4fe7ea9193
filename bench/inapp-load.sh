#!/usr/bin/env bash
# In-app ingestion benchmark: offered rate for a duration against a running embedded Parley (./parley run), then
# end-to-end latency (accepted at ingress -> stored, visible in the timeline) and the loss check from the database.
# Usage: bench/inapp-load.sh [rate] [seconds]     Needs psql (Debian package postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-1000}
seconds=${2:-60}
out=$(mktemp)
./parley java bench/InAppLoad.java --rate "$rate" --seconds "$seconds" | tee "$out"
channel=$(sed -n 's/^channel //p' "$out")
accepted=$(sed -n 's/^accepted //p' "$out")
sql="psql -h 127.0.0.1 -p 55432 -U postgres -d parley -At -c"
for _ in $(seq 1 120); do
  stored=$($sql "SELECT count(*) FROM messages WHERE channel_id = '$channel'")
  [ "$stored" -ge "$accepted" ] && break
  sleep 1
done
echo "stored $stored of accepted $accepted (lost $((accepted - stored)))"
$sql "SELECT 'end-to-end ms: p50 ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1)
        || '  p99 ' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1)
        || '  max ' || round(max(ms)::numeric, 1)
      FROM (SELECT extract(epoch FROM stored_at - sent_at) * 1000 AS ms FROM messages WHERE channel_id = '$channel') t"

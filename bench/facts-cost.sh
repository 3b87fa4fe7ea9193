#!/usr/bin/env bash
# What recording the reporting facts costs the hot paths: the same load with parley.reports.record-facts off and on,
# alternating (off, on, off, on by default), each on a fresh embedded build (target/embedded) on free ports.
#   - inbound pipeline: in-app messages offered at RATE/s for SECONDS s (bench/InAppLoad.java, 200 visitors); the
#     throughput is the messages stored per second between the first and the last stored;
#   - routing: 10,000 conversations waiting at once for 1,000 available operators in 50 queues (as in
#     bench/routing-load.sh, each with its conversation_facts row), after one unmeasured warm-up burst; offers made per
#     second from the end of the seed to the last offer.
# Usage: [RATE=1500] [SECONDS=20] [MODES="false true false true"] bench/facts-cost.sh     Needs psql, curl, node.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${RATE:-1500}
seconds=${SECONDS_:-20}
modes=${MODES:-false true false true}
source src/test/embedded.sh

run() { # $1 = record-facts
  local started pg_port out channel t0 t1 start offered
  started=$(mktemp)
  embedded_start facts-cost -Dparley.reports.record-facts="$1" >"$started"
  pg_port=$(sed -n 's/.*(PostgreSQL \([0-9]*\),.*/\1/p' "$started")
  sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d parley -qAt -c "$1"; }

  out=$(mktemp)
  ./parley java bench/InAppLoad.java --url "$url" --rate 300 --seconds 10 >/dev/null
  ./parley java bench/InAppLoad.java --url "$url" --rate "$rate" --seconds "$seconds" >"$out"
  channel=$(sed -n 's/^channel //p' "$out")
  accepted=$(sed -n 's/^accepted //p' "$out")
  for _ in $(seq 1 300); do
    [ "$(sql "SELECT count(*) >= $accepted FROM messages WHERE channel_id = '$channel'")" = t ] && break
    sleep 1
  done
  pipeline=$(sql "SELECT round(count(*) / extract(epoch FROM max(stored_at) - min(stored_at))) FROM messages
                  WHERE channel_id = '$channel'")

  admin=$(curl -s "$url/dev/token?role=admin")
  filters=""
  for q in $(seq 0 49); do
    curl -s -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"name\":\"bench $q\",\"targetExpression\":\"operator.groups HAS 'bench-g$q'\",\"offerTimeoutSeconds\":3600}" \
      "$url/api/admin/queues/bench-q$q"
    filters="$filters{\"name\":\"q$q\",\"when\":\"conversation.queueHint == 'bench-q$q'\",\"targets\":[{\"queue\":\"bench-q$q\"}]},"
  done
  curl -s -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"filters\":[${filters%,}],\"defaultTarget\":{\"queue\":\"bench-q0\"}}" "$url/api/admin/workflow"
  sql "INSERT INTO operators (subject, display_name, groups, capacity, max_concurrent, status, status_since)
       SELECT 'bench-op' || i, 'Bench ' || i, ARRAY['bench-g' || (i % 50)], '{\"chat\": 30}', 30, 'AVAILABLE',
              now() - (i || ' seconds')::interval FROM generate_series(0, 999) i"
  for burst in warm-up measured; do
    start=$(sql "SELECT clock_timestamp()")
    sql "WITH c AS (INSERT INTO customers (id, created_at, updated_at)
                    SELECT gen_random_uuid(), now(), now() FROM generate_series(1, 10000) RETURNING id),
              s AS (INSERT INTO sessions (id, customer_id, state, opened_at, last_activity_at)
                    SELECT gen_random_uuid(), id, 'OPEN', now(), now() FROM c RETURNING id, customer_id),
              f AS (INSERT INTO conversation_facts (session_id, customer_id, channel_type, opened_at)
                    SELECT id, customer_id, 'bench', now() FROM s)
         INSERT INTO routing_tasks (session_id, state, channel_kind, attributes, entered_at, updated_at)
         SELECT id, 'WAITING', 'chat', jsonb_build_object('conversation', jsonb_build_object('channel', 'bench',
                'queueHint', 'bench-q' || (floor(random() * 50))::int)), clock_timestamp(), now() FROM s"
    seeded=$(sql "SELECT clock_timestamp()")
    last=-1
    for _ in $(seq 1 600); do # until no offer was made for 2 s
      sleep 2
      offered=$(sql "SELECT count(*) FROM offers WHERE created_at > '$start' AND queue LIKE 'bench-q%'")
      [ "$offered" = "$last" ] && break
      last=$offered
    done
    routing=$(sql "SELECT round(count(*) / extract(epoch FROM max(created_at) - '$seeded'::timestamptz)) FROM offers
                   WHERE created_at > '$start' AND queue LIKE 'bench-q%'")
  done
  echo "| $1 | $accepted | $pipeline | $routing |"
  embedded_stop
  trap - EXIT
}

echo "| record-facts | messages accepted | pipeline: stored/s | routing: decisions/s |"
echo "|---|---|---|---|"
for mode in $modes; do run "$mode"; done

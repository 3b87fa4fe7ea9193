#!/usr/bin/env bash
# Routing benchmark against a running embedded Parley (./parley run): 1,000 operators in 50 groups, 50 queues, rules
# with 50 filters, then bursts of 10,000 conversations waiting at once: WARMUPS (default 3) warm-up bursts, each closed
# again afterwards, then the measured one. Reports for each burst how fast the backlog is offered out (routing decisions
# per second) and the offer latency (queued -> offered), then the latency under a steady arrival rate.
# Usage: [WARMUPS=3] bench/routing-load.sh [steady-rate-per-second] [steady-seconds]     Needs psql, curl and awk.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-50}
seconds=${2:-20}
warmups=${WARMUPS:-3}
url=http://localhost:8080
sql() { psql -h 127.0.0.1 -p 55432 -U postgres -d parley -qAt -c "$1"; }
admin=$(curl -s "$url/dev/token?role=admin")
put() { curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$2" "$url$1"; }

echo "seeding 50 queues, 1,000 operators"
filters=""
for q in $(seq 0 49); do
  put "/api/admin/queues/bench-q$q" "{\"name\":\"bench $q\",\"targetExpression\":\"operator.groups HAS 'bench-g$q'\",\"offerTimeoutSeconds\":3600}" >/dev/null
  filters="$filters{\"name\":\"q$q\",\"when\":\"conversation.queueHint == 'bench-q$q'\",\"targets\":[{\"queue\":\"bench-q$q\"}]},"
done
put /api/admin/workflow "{\"filters\":[${filters%,}],\"defaultTarget\":{\"queue\":\"bench-q0\"}}" >/dev/null
sql "INSERT INTO operators (subject, display_name, groups, capacity, max_concurrent, status, status_since)
     SELECT 'bench-op' || i, 'Bench ' || i, ARRAY['bench-g' || (i % 50)], '{\"chat\": 20}', 20, 'AVAILABLE',
            now() - (i || ' seconds')::interval
     FROM generate_series(0, 999) i ON CONFLICT DO NOTHING"

seed() { # $1 = how many conversations, entering now
  sql "WITH c AS (INSERT INTO customers (id, created_at, updated_at)
                  SELECT gen_random_uuid(), now(), now() FROM generate_series(1, $1) RETURNING id),
            s AS (INSERT INTO sessions (id, customer_id, state, opened_at, last_activity_at)
                  SELECT gen_random_uuid(), id, 'OPEN', now(), now() FROM c RETURNING id)
       INSERT INTO routing_tasks (session_id, state, channel_kind, attributes, entered_at, updated_at)
       SELECT id, 'WAITING', 'chat',
              jsonb_build_object('conversation', jsonb_build_object('channel', 'bench',
                                 'queueHint', 'bench-q' || (floor(random() * 50))::int)),
              clock_timestamp(), now() FROM s"
}
latency() { # offers made since $1
  sql "SELECT 'offer latency ms (queued -> offered): p50 ' ||
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 1) || '  p99 ' ||
              round((percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::numeric, 1) || '  max ' || round(max(ms)::numeric, 1) ||
              '  (' || count(*) || ' offers)'
       FROM (SELECT extract(epoch FROM o.created_at - t.entered_at) * 1000 AS ms
             FROM offers o JOIN routing_tasks t ON t.session_id = o.session_id
             WHERE o.created_at > '$1' AND o.queue LIKE 'bench-q%') x"
}

drain() { # waits until no bench conversation waits (a cheap poll: the partial index of waiting tasks, first match)
  for _ in $(seq 1 6000); do
    waiting=$(sql "SELECT EXISTS (SELECT 1 FROM routing_tasks WHERE state = 'WAITING'
                                  AND attributes->'conversation'->>'channel' = 'bench')")
    [ "$waiting" = f ] && return
    sleep 0.05
  done
}

release() { # closes the bench conversations holding offers (as closing them in the console would), freeing capacity
  sql "WITH t AS (UPDATE routing_tasks SET state = 'DONE', updated_at = now()
                  WHERE state IN ('OFFERED', 'ASSIGNED') AND attributes->'conversation'->>'channel' = 'bench'
                  RETURNING session_id),
            o AS (UPDATE offers SET state = 'RESCINDED', decided_at = now()
                  WHERE state = 'PENDING' AND session_id IN (SELECT session_id FROM t))
       UPDATE sessions SET state = 'CLOSED', closed_at = now(), close_reason = 'bench'
       WHERE id IN (SELECT session_id FROM t)"
}

burst() { # $1 = label: 10,000 conversations waiting at once, offered out by the routing loop
  local start t0 t1 offered
  start=$(sql "SELECT clock_timestamp()")
  seed 10000
  t0=$(date +%s.%N)
  drain
  t1=$(date +%s.%N)
  offered=$(sql "SELECT count(*) FROM offers WHERE created_at > '$start' AND queue LIKE 'bench-q%'")
  awk -v l="$1" -v n="$offered" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "%s: offered %d in %.1f s: %.0f decisions/s\n", l, n, b - a, n / (b - a) }'
  echo "  outbox records not yet relayed to Kafka when the last was offered: $(sql "SELECT count(*) FROM outbox")"
  echo "  $(latency "$start")"
}

for i in $(seq 1 "$warmups"); do
  burst "warm-up $i of $warmups, not measured (the JIT compiles the routing path)"
  release
  sleep 5
done
burst "measured: 10,000 conversations waiting at once"

echo "steady arrivals: $rate conversations/s for $seconds s"
start=$(sql "SELECT clock_timestamp()")
for _ in $(seq 1 "$seconds"); do seed "$rate"; sleep 1; done
sleep 5
latency "$start"
echo "capacity check: $(sql "SELECT count(*) FROM (SELECT assignee FROM routing_tasks WHERE state IN ('OFFERED','ASSIGNED')
                            AND assignee LIKE 'bench-op%' GROUP BY assignee HAVING count(*) > 20) x") operators above capacity"

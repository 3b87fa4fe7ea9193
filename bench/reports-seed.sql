-- 1,000,000 conversations over the 30 days before today (UTC) in 5 queues, 4 channel types, 12 categories, 100
-- operators in 5 teams; their offers per hour; and about 2 million operator state intervals (a load change every
-- 43 s of an 8-hour shift, OFFLINE in between). Used by bench/reports-load.sh.
INSERT INTO operators (subject, display_name, groups, capacity, max_concurrent, status)
SELECT 'bench-op' || i, 'Bench ' || i, ARRAY['bench-team-' || (i / 20)], '{"chat": 4}', 4, 'OFFLINE'
FROM generate_series(0, 99) i ON CONFLICT DO NOTHING;

INSERT INTO conversation_facts (session_id, customer_id, channel_type, opened_at, queued_at, queue, last_queue,
    first_offered_at, offers, accepted_at, first_operator, operator, operators, first_reply_at, first_reply_operator,
    customer_messages, operator_messages, delivery_failures, transfers, first_transfer_at, closed_at, close_reason,
    closed_by_operator, category, spam, wrap_up_category, wrap_up_resolution, sla_target_seconds, reopened)
SELECT gen_random_uuid(), gen_random_uuid(), channel, opened,
       CASE WHEN NOT spam THEN opened + interval '1 second' END,
       CASE WHEN NOT spam THEN queue END, CASE WHEN NOT spam THEN queue END,
       CASE WHEN NOT spam THEN offered END, CASE WHEN spam THEN 0 ELSE 1 + (r5 < 0.1)::int END,
       CASE WHEN handled THEN accepted END, CASE WHEN handled THEN operator END, CASE WHEN handled THEN operator END,
       CASE WHEN handled THEN ARRAY[operator] ELSE '{}' END,
       CASE WHEN handled THEN accepted + make_interval(secs => -40 * ln(1 - r3)) END,
       CASE WHEN handled THEN operator END,
       1 + floor(r4 * 6)::int, CASE WHEN handled THEN 1 + floor(r5 * 5)::int ELSE 0 END, (r6 < 0.01)::int,
       (handled AND r6 > 0.95)::int, CASE WHEN handled AND r6 > 0.95 THEN accepted + interval '3 minutes' END,
       CASE WHEN handled THEN accepted + make_interval(secs => 120 + r4 * 1080)
            ELSE opened + make_interval(secs => 600 + r4 * 1200) END,
       CASE WHEN handled THEN 'closed by ' || operator ELSE 'inactivity' END, handled, category, spam,
       CASE WHEN handled AND r5 < 0.6 THEN category END,
       CASE WHEN handled AND r5 < 0.6 THEN (ARRAY['resolved', 'answered', 'escalated', 'callback'])[1 + floor(r6 * 4)::int] END,
       CASE WHEN NOT spam THEN (ARRAY[60, 120, 300, 600, 60])[1 + q] END, (r6 BETWEEN 0.5 AND 0.53)::int
FROM (SELECT i, opened, spam, q, r3, r4, r5, r6, (ARRAY['telegram', 'vk', 'email', 'inapp'])[1 + i % 4] AS channel,
             (ARRAY['sales', 'support', 'delivery', 'returns', 'vip'])[1 + q] AS queue,
             (ARRAY['delivery', 'returns', 'payment', 'damage', 'account', 'app', 'pricing', 'warranty',
                    'order-status', 'complaint', 'feedback', 'other'])[1 + floor(12 * r2 * r2)::int] AS category,
             'bench-op' || (q * 20 + i % 20) AS operator,
             opened + make_interval(secs => 1 - 20 * ln(1 - r1)) AS offered,
             opened + make_interval(secs => 1 - 20 * ln(1 - r1) + 5 + 25 * r3) AS accepted,
             NOT spam AND r5 >= 0.05 AS handled
      FROM (SELECT i, date_trunc('day', now()) - interval '30 days' + (i * interval '2.592 seconds') AS opened,
                   random() < 0.03 AS spam, (i / 7) % 5 AS q, random() AS r1, random() AS r2, random() AS r3,
                   random() AS r4, random() AS r5, random() AS r6
            FROM generate_series(0, 999999) i) x) y;

INSERT INTO report_offers_hourly (bucket, operator, queue, made, accepted, declined, expired, rescinded)
SELECT date_trunc('hour', first_offered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', operator, queue, sum(offers),
       count(*), sum(offers) - count(*), 0, 0
FROM conversation_facts WHERE operator LIKE 'bench-op%' GROUP BY 1, 2, 3;

INSERT INTO operator_state_intervals (subject, status, load, started_at, ended_at)
SELECT 'bench-op' || o, 'AVAILABLE', k % 4, d + interval '9 hours' + k * interval '43 seconds',
       d + interval '9 hours' + (k + 1) * interval '43 seconds'
FROM generate_series(0, 99) o, generate_series(date_trunc('day', now()) - interval '30 days',
                                               date_trunc('day', now()) - interval '1 day', interval '1 day') d,
     generate_series(0, 669) k;
INSERT INTO operator_state_intervals (subject, status, load, started_at, ended_at)
SELECT 'bench-op' || o, 'OFFLINE', 0, d + interval '9 hours' + 670 * interval '43 seconds', d + interval '33 hours'
FROM generate_series(0, 99) o, generate_series(date_trunc('day', now()) - interval '30 days',
                                               date_trunc('day', now()) - interval '1 day', interval '1 day') d;
ANALYZE;

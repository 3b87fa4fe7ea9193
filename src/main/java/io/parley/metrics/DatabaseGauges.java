package io.parley.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.parley.operator.OperatorStatus;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The gauges that need the database, refreshed every {@code parley.metrics.refresh-interval} by one query; a scrape
 * only reads the last values. They describe the shared database, so every instance reports the same values: aggregate
 * them with {@code max}, not {@code sum}. The query's own cost is the {@code parley_metrics_refresh_seconds} timer.
 */
@ApplicationScoped
class DatabaseGauges {

    /**
     * One row per series: what it is, its label value, a value and, for queues and the outbox, an age in seconds. The
     * outbox count stops at 100,000 so a large backlog does not make the refresh slow.
     */
    static final String QUERY = """
            SELECT 'waiting' AS kind, COALESCE(queue, 'none') AS label, count(*)::float8 AS value,
                   extract(epoch FROM now() - min(entered_at))::float8 AS age
            FROM routing_tasks WHERE state = 'WAITING' GROUP BY queue
            UNION ALL SELECT 'queue', id, 0, 0 FROM queues
            UNION ALL SELECT 'operators', status, count(*), 0 FROM operators GROUP BY status
            UNION ALL SELECT 'channels', type, count(*) FILTER (WHERE NOT enabled), 0 FROM channels GROUP BY type
            UNION ALL SELECT 'dead_letters', c.type, count(d.id), 0 FROM channels c
                LEFT JOIN dead_letters d ON d.channel_id = c.id AND d.replayed_at IS NULL GROUP BY c.type
            UNION ALL SELECT 'outbox', '', (SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT 100000) o),
                   COALESCE((SELECT extract(epoch FROM now() - min(created_at)) FROM outbox), 0)""";

    private final Pool pool;
    private final ParleyMetrics counters;
    private final Timer refreshes;
    private final MultiGauge waiting;
    private final MultiGauge oldestWait;
    private final MultiGauge operators;
    private final MultiGauge channelsDisabled;
    private final MultiGauge deadLetters;
    private final MultiGauge outboxBacklog;
    private final MultiGauge outboxLag;

    DatabaseGauges(Pool pool, MeterRegistry registry, ParleyMetrics counters) {
        this.pool = pool;
        this.counters = counters;
        this.refreshes = Timer.builder("parley.metrics.refresh").description("One refresh of the database gauges")
                .register(registry);
        this.waiting = gauge(registry, "parley.queue.waiting", "Conversations waiting in the queue");
        this.oldestWait = gauge(registry, "parley.queue.oldest.wait.seconds",
                "How long the queue's longest-waiting conversation has waited");
        this.operators = gauge(registry, "parley.operators", "Operators by status");
        this.channelsDisabled = gauge(registry, "parley.channels.disabled", "Disabled channel instances by type");
        this.deadLetters = gauge(registry, "parley.dead.letters", "Replies given up on and not replayed");
        this.outboxBacklog = gauge(registry, "parley.outbox.backlog", "Outbox records not yet relayed to Kafka");
        this.outboxLag = gauge(registry, "parley.outbox.lag.seconds", "Age of the oldest unrelayed outbox record");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Scheduled(every = "${parley.metrics.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        long start = System.nanoTime();
        return pool.query(QUERY).execute()
                .invoke(rows -> {
                    refreshes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    publish(all);
                }).replaceWithVoid();
    }

    /** Replaces every gauge's rows; a queue or type that is gone loses its series. */
    void publish(List<Row> rows) {
        Map<String, double[]> queues = new LinkedHashMap<>();
        Map<String, Double> byStatus = new LinkedHashMap<>();
        for (OperatorStatus status : OperatorStatus.values()) {
            byStatus.put(status.name(), 0.0);
        }
        List<MultiGauge.Row<?>> disabled = new ArrayList<>();
        List<MultiGauge.Row<?>> dead = new ArrayList<>();
        for (Row row : rows) {
            String label = row.getString("label");
            double value = row.getDouble("value");
            switch (row.getString("kind")) {
                case "waiting" -> queues.put(label, new double[] { value, row.getDouble("age") });
                case "queue" -> {
                    queues.putIfAbsent(label, new double[] { 0, 0 });
                    counters.knownQueue(label);
                }
                case "operators" -> byStatus.put(label, value);
                case "channels" -> disabled.add(MultiGauge.Row.of(Tags.of("channel_type", label), value));
                case "dead_letters" -> dead.add(MultiGauge.Row.of(Tags.of("channel_type", label), value));
                case "outbox" -> {
                    outboxBacklog.register(List.of(MultiGauge.Row.of(Tags.empty(), value)), true);
                    outboxLag.register(List.of(MultiGauge.Row.of(Tags.empty(), row.getDouble("age"))), true);
                }
                default -> throw new IllegalStateException("unknown gauge row " + row.getString("kind"));
            }
        }
        waiting.register(queues.entrySet()
                .stream().<MultiGauge.Row<?>> map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey()), e.getValue()[0]))
                .toList(), true);
        oldestWait.register(queues.entrySet()
                .stream().<MultiGauge.Row<?>> map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey()), e.getValue()[1]))
                .toList(), true);
        operators.register(byStatus.entrySet()
                .stream().<MultiGauge.Row<?>> map(e -> MultiGauge.Row.of(Tags.of("status", e.getKey()), e.getValue()))
                .toList(), true);
        channelsDisabled.register(disabled, true);
        deadLetters.register(dead, true);
    }
}

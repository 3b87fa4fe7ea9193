package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A subscription's deliveries and attempts, manual replays, and the log's retention. */
@ApplicationScoped
class DeliveryLog {

    private static final String COLUMNS = "d.id, ev.event_id, ev.type, d.ordering_key, d.state, d.attempts,"
            + " d.last_status, d.last_error, d.last_latency_ms, d.created_at, d.next_attempt_at, d.finished_at";
    private static final String FROM = " FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id";

    private final Pool pool;
    private final WebhooksConfig config;
    private final DeliveryWorker worker;

    DeliveryLog(Pool pool, WebhooksConfig config, DeliveryWorker worker) {
        this.pool = pool;
        this.config = config;
        this.worker = worker;
    }

    /** The newest deliveries first, optionally of one state and created before {@code before}. */
    Uni<List<DeliveryView>> list(UUID subscription, String state, OffsetDateTime before, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE d.subscription_id = $1"
                + " AND ($2::text IS NULL OR d.state = $2) AND ($3::timestamptz IS NULL OR d.created_at < $3)"
                + " ORDER BY d.created_at DESC, d.seq DESC LIMIT $4")
                .execute(Tuple.of(subscription, state, before, limit))
                .map(rows -> rows.stream().map(DeliveryLog::view).toList());
    }

    Uni<DeliveryView> get(UUID subscription, UUID delivery) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE d.subscription_id = $1 AND d.id = $2")
                .execute(Tuple.of(subscription, delivery))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Delivery " + delivery);
                    }
                    return view(rows.iterator().next());
                })
                .chain(view -> pool.preparedQuery("SELECT attempt, at, status, error, latency_ms FROM webhook_attempts"
                        + " WHERE delivery_id = $1 ORDER BY attempt").execute(Tuple.of(delivery))
                        .map(rows -> view.withLog(rows.stream().map(r -> new DeliveryView.Attempt(r.getInteger("attempt"),
                                r.getOffsetDateTime("at"), r.getInteger("status"), r.getString("error"),
                                r.getInteger("latency_ms"))).toList())));
    }

    /** Sends one delivery again, with its id, as soon as it is the oldest pending one of its ordering key. */
    Uni<DeliveryView> replay(UUID subscription, UUID delivery) {
        return pool.preparedQuery(replaySql("d.id = $2")).execute(Tuple.of(subscription, delivery))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Delivery " + delivery);
                    }
                    worker.wake();
                    return get(subscription, delivery);
                });
    }

    /** Replays the deliveries created in a time range; returns how many. */
    Uni<Integer> replay(UUID subscription, ReplayRequest request) {
        String include = request.include() == null ? "dead" : request.include();
        if (!include.equals("dead") && !include.equals("all")) {
            throw ProblemException.invalidField("include", "dead or all");
        }
        if (!request.from().isBefore(request.to())) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        String states = include.equals("dead") ? "('DEAD')" : "('DEAD', 'DELIVERED')";
        return pool.preparedQuery("SELECT 1 FROM webhook_subscriptions WHERE id = $1").execute(Tuple.of(subscription))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Webhook subscription " + subscription);
                    }
                })
                .chain(() -> pool.preparedQuery(replaySql("d.created_at >= $2 AND d.created_at < $3 AND d.state IN "
                        + states)).execute(Tuple.of(subscription, request.from(), request.to())))
                .invoke(worker::wake)
                .map(rows -> rows.rowCount());
    }

    private static String replaySql(String condition) {
        return "UPDATE webhook_deliveries d SET state = 'PENDING', next_attempt_at = now(), window_start = now(),"
                + " finished_at = NULL WHERE d.subscription_id = $1 AND " + condition + " RETURNING d.id";
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expire() {
        long ms = config.logRetention().toMillis();
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM webhook_deliveries WHERE state <> 'PENDING'"
                + " AND finished_at < now() - $1 * interval '1 millisecond'").execute(Tuple.of(ms))
                .chain(() -> c.preparedQuery("DELETE FROM webhook_events ev WHERE created_at < now() - $1 * interval"
                        + " '1 millisecond' AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id)")
                        .execute(Tuple.of(ms))))
                .replaceWithVoid();
    }

    private static DeliveryView view(Row row) {
        return new DeliveryView(row.getUUID("id"), row.getString("event_id"), row.getString("type"),
                row.getString("ordering_key"), row.getString("state"), row.getInteger("attempts"),
                row.getInteger("last_status"), row.getString("last_error"), row.getInteger("last_latency_ms"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("next_attempt_at"),
                row.getOffsetDateTime("finished_at"), null);
    }
}

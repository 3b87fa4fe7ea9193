package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.common.infra.CoalescedTask;
import io.parley.common.infra.PgListener;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends due deliveries: only the oldest pending delivery of each (subscription, ordering key) is due, so one
 * conversation's events reach a receiver in order while other conversations go on. Deliveries are claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}), so several instances share the work and a crashed one's attempts are made again
 * (at-least-once: receivers deduplicate on {@code webhook-id}). Runs on commit notifications and a periodic sweep.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final long LEASE_MARGIN_MS = 30_000;

    private final Pool pool;
    private final WebClient http;
    private final WebhooksConfig config;
    private final StoredSecrets secrets;
    private final DeliveryOutcomes outcomes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CoalescedTask task = new CoalescedTask("Webhook delivery", this::round);

    DeliveryWorker(Pool pool, Vertx vertx, WebhooksConfig config, StoredSecrets secrets, DeliveryOutcomes outcomes) {
        this.pool = pool;
        this.http = WebClient.create(vertx);
        this.config = config;
        this.secrets = secrets;
        this.outcomes = outcomes;
    }

    void listen(@Observes StartupEvent event, PgListener listener) {
        listener.listen("parley_webhooks", task::trigger);
    }

    @Scheduled(every = "${parley.webhooks.sweep-interval:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        task.trigger();
    }

    /** Wakes the worker now (a replay made deliveries due). */
    void wake() {
        task.trigger();
    }

    private Uni<Void> round() {
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().voidItem();
        }
        return claim(room).invoke(claimed -> {
            claimed.forEach(this::dispatch);
            if (claimed.size() == room) {
                task.trigger();
            }
        }).replaceWithVoid();
    }

    private Uni<List<Claimed>> claim(int limit) {
        long lease = config.attemptTimeout().toMillis() + LEASE_MARGIN_MS;
        return pool.preparedQuery("WITH due AS (SELECT d.id FROM webhook_deliveries d"
                + " JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled"
                + " WHERE d.state = 'PENDING' AND d.next_attempt_at <= now() AND NOT EXISTS (SELECT 1"
                + " FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id"
                + " AND e.ordering_key = d.ordering_key AND e.state = 'PENDING' AND e.seq < d.seq)"
                + " ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)"
                + " UPDATE webhook_deliveries d SET attempts = d.attempts + 1,"
                + " next_attempt_at = now() + $2 * interval '1 millisecond'"
                + " FROM due, webhook_subscriptions s, webhook_events ev"
                + " WHERE d.id = due.id AND s.id = d.subscription_id AND ev.id = d.event_id"
                + " RETURNING d.id, d.subscription_id, d.attempts, d.window_start, s.url, s.secrets,"
                + " ev.payload::text AS payload")
                .execute(Tuple.of(limit, lease))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getUUID("id"), row.getUUID("subscription_id"),
                                row.getInteger("attempts"), row.getOffsetDateTime("window_start"),
                                row.getString("url"), row.getBuffer("secrets").getBytes(), row.getString("payload")));
                    }
                    return claimed;
                });
    }

    private void dispatch(Claimed delivery) {
        inFlight.incrementAndGet();
        send(delivery).chain(outcome -> outcomes.record(delivery, outcome))
                .onTermination().invoke(() -> {
                    inFlight.decrementAndGet();
                    task.trigger();
                })
                .subscribe().with(ignored -> {
                }, failure -> LOG.warnf("Webhook delivery %s: recording the attempt failed (%s); it is retried"
                        + " when its lease ends", delivery.id(), failure.getClass().getSimpleName()));
    }

    /** One signed POST of the CloudEvent (structured mode of the CloudEvents HTTP binding). */
    private Uni<Outcome> send(Claimed delivery) {
        long startedAt = System.nanoTime();
        String id = delivery.id().toString();
        long timestamp = System.currentTimeMillis() / 1000;
        return Uni.createFrom().item(() -> Signatures.header(
                secrets.active(delivery.secrets(), OffsetDateTime.now(ZoneOffset.UTC)), id, timestamp, delivery.body()))
                .chain(signature -> http.postAbs(delivery.url())
                        .timeout(config.attemptTimeout().toMillis())
                        .putHeader("content-type", "application/cloudevents+json; charset=utf-8")
                        .putHeader("user-agent", "Parley-Webhooks")
                        .putHeader("webhook-id", id)
                        .putHeader("webhook-timestamp", Long.toString(timestamp))
                        .putHeader("webhook-signature", signature)
                        .sendBuffer(Buffer.buffer(delivery.body())))
                .map(response -> new Outcome(response.statusCode(), null, elapsedMs(startedAt)))
                .onFailure().recoverWithItem(failure -> new Outcome(null, failure.getClass().getSimpleName(),
                        elapsedMs(startedAt)));
    }

    private static int elapsedMs(long startedAt) {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }
}

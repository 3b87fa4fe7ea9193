package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records an attempt in one transaction: the attempt log, the delivery's new state (delivered; pending with its next
 * time; dead once the retry window is over) and the subscription's failure streak, which disables it at the
 * configured length and publishes {@code io.parley.webhook.subscription-disabled}.
 */
@ApplicationScoped
class DeliveryOutcomes {

    static final String DISABLED_EVENT = "io.parley.webhook.subscription-disabled";
    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    private final Pool pool;
    private final WebhooksConfig config;
    private final EventPublisher events;
    private final Backoff backoff;
    private final RandomGenerator random = RandomGenerator.getDefault();

    DeliveryOutcomes(Pool pool, WebhooksConfig config, EventPublisher events) {
        this.pool = pool;
        this.config = config;
        this.events = events;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    Uni<Void> record(Claimed delivery, Outcome outcome) {
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO webhook_attempts (delivery_id, attempt, status,"
                + " error, latency_ms) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(delivery.id(), delivery.attempt(), outcome.status(), outcome.error(),
                        outcome.latencyMs()))
                .chain(() -> outcome.delivered() ? delivered(c, delivery, outcome) : failed(c, delivery, outcome)));
    }

    private Uni<Void> delivered(SqlConnection c, Claimed delivery, Outcome outcome) {
        LOG.debugf("Webhook delivery %s to subscription %s delivered (%d, %d ms)", delivery.id(),
                delivery.subscriptionId(), outcome.status(), outcome.latencyMs());
        return update(c, delivery, outcome, "DELIVERED", null)
                .chain(() -> c.preparedQuery("UPDATE webhook_subscriptions SET failure_streak = 0"
                        + " WHERE id = $1 AND failure_streak <> 0").execute(Tuple.of(delivery.subscriptionId())))
                .replaceWithVoid();
    }

    private Uni<Void> failed(SqlConnection c, Claimed delivery, Outcome outcome) {
        OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff.after(delivery.attempt(), random));
        boolean dead = next.isAfter(delivery.windowStart().plus(config.retryWindow()));
        LOG.infof("Webhook delivery %s to subscription %s failed (attempt %d, %s)%s", delivery.id(),
                delivery.subscriptionId(), delivery.attempt(),
                outcome.status() != null ? "HTTP " + outcome.status() : outcome.error(), dead ? ": dead-lettered" : "");
        return update(c, delivery, outcome, dead ? "DEAD" : "PENDING", dead ? null : next)
                .chain(() -> c.preparedQuery("UPDATE webhook_subscriptions SET failure_streak = failure_streak + 1"
                        + " WHERE id = $1 RETURNING failure_streak, enabled").execute(Tuple.of(delivery.subscriptionId())))
                .chain(rows -> {
                    var row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    int limit = config.disableAfterFailures();
                    boolean disable = row != null && row.getBoolean("enabled") && limit > 0
                            && row.getInteger("failure_streak") >= limit;
                    return disable ? disable(c, delivery, outcome, row.getInteger("failure_streak"))
                            : Uni.createFrom().voidItem();
                });
    }

    private Uni<?> update(SqlConnection c, Claimed delivery, Outcome outcome, String state, OffsetDateTime next) {
        return c.preparedQuery("UPDATE webhook_deliveries SET state = $2, last_status = $3, last_error = $4,"
                + " last_latency_ms = $5, next_attempt_at = COALESCE($6, next_attempt_at),"
                + " finished_at = CASE WHEN $2 = 'PENDING' THEN NULL ELSE now() END WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(delivery.id(), state, outcome.status(), outcome.error(),
                        outcome.latencyMs(), next)));
    }

    private Uni<Void> disable(SqlConnection c, Claimed delivery, Outcome outcome, int streak) {
        LOG.warnf("Webhook subscription %s disabled after %d failed attempts in a row", delivery.subscriptionId(),
                streak);
        String reason = streak + " failed attempts in a row";
        return c.preparedQuery("UPDATE webhook_subscriptions SET enabled = FALSE, disabled_reason = $2,"
                + " updated_at = now() WHERE id = $1 AND enabled").execute(Tuple.of(delivery.subscriptionId(), reason))
                .chain(() -> events.publish(c, DISABLED_EVENT, delivery.subscriptionId().toString(),
                        delivery.subscriptionId().toString(),
                        Map.of("subscriptionId", delivery.subscriptionId().toString(), "failureStreak", streak,
                                "reason", reason, "lastStatus", outcome.status() == null ? outcome.error()
                                        : Integer.toString(outcome.status()))));
    }
}

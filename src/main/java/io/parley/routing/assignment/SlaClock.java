package io.parley.routing.assignment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.events.EventPublisher;
import io.parley.metrics.ParleyMetrics;
import io.parley.routing.core.QueueSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Service-level clocks of queues: a conversation's first-response and resolution due times start when it is first
 * queued, counted in the queue's open time. Past {@code sla-warning-ratio} of the way an {@code sla.warning} event is
 * published; past the due time an {@code sla.breached} event, and the conversation's priority is raised so it is
 * served before the others.
 */
@ApplicationScoped
class SlaClock {

    static final String WARNING = "io.parley.sla.warning";
    static final String BREACHED = "io.parley.sla.breached";

    /** Data of SLA events: which target ({@code first-response} or {@code resolution}) and when it was due. */
    record SlaData(String sessionId, String queue, String target, OffsetDateTime due) {
    }

    private final Pool pool;
    private final EventPublisher events;
    private final AssignmentConfig config;
    private final ParleyMetrics metrics;

    SlaClock(Pool pool, EventPublisher events, AssignmentConfig config, ParleyMetrics metrics) {
        this.pool = pool;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
    }

    /** Starts the clocks of a conversation entering its first queue. */
    Uni<Void> start(SqlConnection c, UUID sessionId, QueueSnapshot.Sla sla, OffsetDateTime now) {
        return c.preparedQuery("UPDATE routing_tasks SET first_response_due = $2, resolution_due = $3,"
                + " sla_warned = FALSE, sla_breached = FALSE WHERE session_id = $1")
                .execute(Tuple.of(sessionId, due(sla, sla.firstResponseSeconds(), now),
                        due(sla, sla.resolutionSeconds(), now)))
                .replaceWithVoid();
    }

    /** Publishes warnings and breaches that came due by {@code now}. */
    Uni<Void> check(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("""
                SELECT t.session_id, t.queue, t.entered_at, t.first_response_due, t.resolution_due, t.sla_warned,
                       EXISTS (SELECT 1 FROM messages m WHERE m.session_id = t.session_id AND m.direction = 'OUT'
                               AND m.sent_at >= t.entered_at AND m.author IS DISTINCT FROM 'parley') AS answered
                FROM routing_tasks t
                WHERE t.state <> 'DONE' AND NOT t.sla_breached
                  AND (t.first_response_due IS NOT NULL OR t.resolution_due IS NOT NULL)
                FOR UPDATE OF t SKIP LOCKED""").execute()
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        chain = chain.chain(() -> evaluate(c, row, at));
                    }
                    return chain;
                }));
    }

    private Uni<Void> evaluate(SqlConnection c, Row task, OffsetDateTime now) {
        UUID session = task.getUUID("session_id");
        OffsetDateTime entered = task.getOffsetDateTime("entered_at");
        OffsetDateTime firstDue = task.getBoolean("answered") ? null : task.getOffsetDateTime("first_response_due");
        OffsetDateTime resolutionDue = task.getOffsetDateTime("resolution_due");
        String breached = passed(firstDue, now) ? "first-response" : passed(resolutionDue, now) ? "resolution" : null;
        if (breached != null) {
            OffsetDateTime due = breached.equals("first-response") ? firstDue : resolutionDue;
            return c.preparedQuery("UPDATE routing_tasks SET sla_breached = TRUE, priority = priority + $2"
                    + " WHERE session_id = $1").execute(Tuple.of(session, config.slaBreachPriorityBoost()))
                    .chain(() -> publish(c, BREACHED, session, task.getString("queue"), breached, due))
                    .invoke(() -> metrics.slaBreach(task.getString("queue"), breached));
        }
        if (task.getBoolean("sla_warned")) {
            return Uni.createFrom().voidItem();
        }
        String warned = nearing(entered, firstDue, now) ? "first-response"
                : nearing(entered, resolutionDue, now) ? "resolution" : null;
        if (warned == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime due = warned.equals("first-response") ? firstDue : resolutionDue;
        return c.preparedQuery("UPDATE routing_tasks SET sla_warned = TRUE WHERE session_id = $1")
                .execute(Tuple.of(session))
                .chain(() -> publish(c, WARNING, session, task.getString("queue"), warned, due));
    }

    private boolean nearing(OffsetDateTime entered, OffsetDateTime due, OffsetDateTime now) {
        if (due == null) {
            return false;
        }
        long total = Duration.between(entered, due).toMillis();
        return Duration.between(entered, now).toMillis() >= total * config.slaWarningRatio();
    }

    private static boolean passed(OffsetDateTime due, OffsetDateTime now) {
        return due != null && !now.isBefore(due);
    }

    private Uni<Void> publish(SqlConnection c, String type, UUID session, String queue, String target,
            OffsetDateTime due) {
        return events.publish(c, type, session.toString(), session.toString(),
                new SlaData(session.toString(), queue, target, due));
    }

    private static OffsetDateTime due(QueueSnapshot.Sla sla, Integer seconds, OffsetDateTime now) {
        if (seconds == null) {
            return null;
        }
        Instant start = now.toInstant();
        Instant due = sla.hours() == null ? start.plusSeconds(seconds)
                : sla.hours().plusOpenSeconds(start, seconds).orElse(null);
        return due == null ? null : due.atOffset(ZoneOffset.UTC);
    }
}

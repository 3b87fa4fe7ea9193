package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.events.EventPublisher;
import io.parley.metrics.ParleyMetrics;
import io.parley.metrics.ParleyMetrics.OfferOutcome;
import io.parley.operator.OperatorStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The state changes of offers, each inside the caller's transaction:
 * {@code PENDING → ACCEPTED | DECLINED | EXPIRED | RESCINDED}. An accepted offer assigns the session. Each change is
 * counted in {@code parley_offers_total} when written (a transaction that then fails to commit has counted it).
 */
@ApplicationScoped
class Offers {

    private final EventPublisher events;
    private final ParleyMetrics metrics;

    Offers(EventPublisher events, ParleyMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /** Whether an operator can take one more conversation. */
    enum Room {
        NO_SUCH_OPERATOR,
        FULL,
        FREE
    }

    /**
     * Locks the operator's row and re-counts what they hold (pending offers and assigned conversations, apart from
     * {@code sessionId} itself): the check every offer and transfer makes, serialised per operator across instances.
     */
    Uni<Room> room(SqlConnection c, String operator, String kind, UUID sessionId) {
        return c.preparedQuery("SELECT status, capacity ->> $2 AS capacity, max_concurrent FROM operators"
                + " WHERE subject = $1 FOR UPDATE").execute(Tuple.of(operator, kind))
                .chain(rows -> c.preparedQuery("SELECT count(*) FILTER (WHERE channel_kind = $2) AS same_kind,"
                        + " count(*) AS total FROM routing_tasks WHERE assignee = $1 AND session_id <> $3"
                        + " AND state IN ('OFFERED', 'ASSIGNED')").execute(Tuple.of(operator, kind, sessionId))
                        .map(held -> {
                            if (!rows.iterator().hasNext()) {
                                return Room.NO_SUCH_OPERATOR;
                            }
                            Row o = rows.iterator().next();
                            Row h = held.iterator().next();
                            boolean free = OperatorStatus.AVAILABLE.name().equals(o.getString("status"))
                                    && o.getString("capacity") != null
                                    && h.getLong("same_kind") < Long.parseLong(o.getString("capacity"))
                                    && h.getLong("total") < o.getInteger("max_concurrent");
                            return free ? Room.FREE : Room.FULL;
                        }));
    }

    /** Makes an offer and marks the task as held by the operator. */
    Uni<UUID> offer(SqlConnection c, UUID sessionId, String operator, String queue, int timeoutSeconds,
            OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        return c.preparedQuery("INSERT INTO offers (id, session_id, operator, queue, state, created_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, 'PENDING', $5, $6)")
                .execute(Tuple.from(List.of(id, sessionId, operator, queue, now,
                        now.plusSeconds(timeoutSeconds))))
                .chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'OFFERED', assignee = $2,"
                        + " updated_at = $3 WHERE session_id = $1").execute(Tuple.of(sessionId, operator, now)))
                .chain(() -> c.preparedQuery("INSERT INTO operator_routing (subject, last_offered_at) VALUES ($1, $2)"
                        + " ON CONFLICT (subject) DO UPDATE SET last_offered_at = EXCLUDED.last_offered_at")
                        .execute(Tuple.of(operator, now)))
                .chain(() -> publish(c, RoutingEvents.OFFERED, sessionId, queue, operator, id))
                .invoke(() -> metrics.offers(queue, OfferOutcome.MADE, 1))
                .replaceWith(id);
    }

    /** Accepts a pending offer: the session is assigned to its operator. */
    Uni<Void> accept(SqlConnection c, UUID offerId, UUID sessionId, String operator, String queue,
            OffsetDateTime now) {
        return c.preparedQuery("UPDATE offers SET state = 'ACCEPTED', decided_at = $2 WHERE id = $1")
                .execute(Tuple.of(offerId, now))
                .chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'ASSIGNED', assignee = $2,"
                        + " updated_at = $3 WHERE session_id = $1").execute(Tuple.of(sessionId, operator, now)))
                .chain(() -> c.preparedQuery("UPDATE sessions SET assignee = $2, version = version + 1 WHERE id = $1")
                        .execute(Tuple.of(sessionId, operator)))
                .chain(() -> c.preparedQuery("UPDATE operator_routing SET missed_offers = 0 WHERE subject = $1")
                        .execute(Tuple.of(operator)))
                .chain(() -> publish(c, RoutingEvents.ASSIGNED, sessionId, queue, operator, offerId))
                .invoke(() -> metrics.offers(queue, OfferOutcome.ACCEPTED, 1));
    }

    /** Ends a pending offer without assignment ({@code DECLINED} or {@code EXPIRED}); the session waits again. */
    Uni<Void> release(SqlConnection c, UUID offerId, UUID sessionId, String operator, String queue, String state,
            OffsetDateTime now) {
        String type = "DECLINED".equals(state) ? RoutingEvents.OFFER_DECLINED : RoutingEvents.OFFER_EXPIRED;
        return c.preparedQuery("UPDATE offers SET state = $2, decided_at = $3 WHERE id = $1")
                .execute(Tuple.of(offerId, state, now))
                .chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'WAITING', assignee = NULL,"
                        + " updated_at = $2 WHERE session_id = $1 AND state = 'OFFERED'")
                        .execute(Tuple.of(sessionId, now)))
                .chain(() -> publish(c, type, sessionId, queue, operator, offerId))
                .invoke(() -> metrics.offers(queue,
                        "DECLINED".equals(state) ? OfferOutcome.DECLINED : OfferOutcome.EXPIRED, 1));
    }

    Uni<Void> publish(SqlConnection c, String type, UUID sessionId, String queue, String operator, UUID offerId) {
        return events.publishAll(c, List.of(event(type, sessionId, queue, operator, offerId)));
    }

    /** A routing event about a session, keyed by the session so its events keep their order. */
    static EventPublisher.Pending event(String type, UUID sessionId, String queue, String operator, UUID offerId) {
        return new EventPublisher.Pending(type, sessionId.toString(), sessionId.toString(), new RoutingEvents.Data(
                sessionId.toString(), queue, operator, offerId == null ? null : offerId.toString()));
    }
}

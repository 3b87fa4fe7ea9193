package io.parley.routing.assignment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.events.EventPublisher;
import io.parley.operator.OperatorStatus;
import io.parley.operator.StatusChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Expires overdue offers; an operator who misses too many in a row goes on BREAK ("not responding"). */
@ApplicationScoped
class OfferExpiry {

    private static final String NOT_RESPONDING = "not responding";

    private final Pool pool;
    private final Offers offers;
    private final EventPublisher events;
    private final AssignmentConfig config;

    OfferExpiry(Pool pool, Offers offers, EventPublisher events, AssignmentConfig config) {
        this.pool = pool;
        this.offers = offers;
        this.events = events;
        this.config = config;
    }

    Uni<Void> expire(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("SELECT id, session_id, operator, queue FROM offers"
                + " WHERE state = 'PENDING' AND expires_at <= $1 FOR UPDATE SKIP LOCKED").execute(Tuple.of(at))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        String operator = row.getString("operator");
                        chain = chain.chain(() -> offers.release(c, row.getUUID("id"), row.getUUID("session_id"),
                                operator, row.getString("queue"), "EXPIRED", at))
                                .chain(() -> missed(c, operator, at));
                    }
                    return chain;
                }));
    }

    private Uni<Void> missed(SqlConnection c, String operator, OffsetDateTime now) {
        return c.preparedQuery("INSERT INTO operator_routing (subject, missed_offers) VALUES ($1, 1)"
                + " ON CONFLICT (subject) DO UPDATE SET missed_offers = operator_routing.missed_offers + 1"
                + " RETURNING missed_offers").execute(Tuple.of(operator))
                .chain(rows -> rows.iterator().next().getInteger("missed_offers") < config.missedOffersBeforeBreak()
                        ? Uni.createFrom().voidItem()
                        : notResponding(c, operator, now));
    }

    private Uni<Void> notResponding(SqlConnection c, String operator, OffsetDateTime now) {
        return c.preparedQuery("UPDATE operators SET status = 'BREAK', status_reason = $2, status_since = $3,"
                + " version = version + 1, updated_at = $3 WHERE subject = $1 AND status = 'AVAILABLE'"
                + " RETURNING subject").execute(Tuple.of(operator, NOT_RESPONDING, now))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO operator_status_log (subject, status, previous, reason,"
                                + " changed_by, at) VALUES ($1, 'BREAK', 'AVAILABLE', $2, 'parley', $3)")
                                .execute(Tuple.of(operator, NOT_RESPONDING, now))
                                .chain(() -> c.preparedQuery("UPDATE operator_routing SET missed_offers = 0"
                                        + " WHERE subject = $1").execute(Tuple.of(operator)))
                                .chain(() -> events.publish(c, StatusChanged.TYPE, operator, operator,
                                        new StatusChanged(operator, OperatorStatus.BREAK, OperatorStatus.AVAILABLE,
                                                NOT_RESPONDING, "parley"))));
    }
}

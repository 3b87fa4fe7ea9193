package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.metrics.ParleyMetrics;
import io.parley.metrics.ParleyMetrics.OfferOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** An operator accepting or declining an offer, whichever way they ask (REST or the push API). */
@ApplicationScoped
public class OfferDecisions {

    private final Pool pool;
    private final Offers offers;
    private final RoutingLoop loop;
    private final ParleyMetrics metrics;

    OfferDecisions(Pool pool, Offers offers, RoutingLoop loop, ParleyMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.offers = offers;
        this.loop = loop;
    }

    /**
     * Accepts (the conversation is theirs) or declines (it goes to the next candidate) a pending, unexpired offer made
     * to {@code subject}; 404 for someone else's offer, 409 when it is no longer pending or has expired.
     */
    public Uni<Void> decide(UUID id, String subject, boolean accept) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("SELECT session_id, operator, queue, state, expires_at"
                + " FROM offers WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rows -> {
                    Row offer = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (offer == null || !subject.equals(offer.getString("operator"))) {
                        throw ProblemException.notFound("Offer " + id);
                    }
                    if (!"PENDING".equals(offer.getString("state"))) {
                        throw new ProblemException(Problem.of(409, "Offer no longer pending",
                                "Offer " + id + " is " + offer.getString("state")));
                    }
                    if (!now.isBefore(offer.getOffsetDateTime("expires_at"))) {
                        throw new ProblemException(Problem.of(409, "Offer expired", "Offer " + id + " has expired"));
                    }
                    UUID session = offer.getUUID("session_id");
                    return accept ? offers.accept(c, id, session, subject, offer.getString("queue"), now)
                            : offers.release(c, id, session, subject, offer.getString("queue"), "DECLINED", now);
                })).invoke(loop::wake);
    }

    /**
     * Returns an operator's pending offers to routing ({@code RESCINDED}), e.g. when their push connection is lost;
     * each conversation waits for the next candidate.
     */
    public Uni<Void> rescindAll(String subject) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("UPDATE offers SET state = 'RESCINDED', decided_at = $2"
                + " WHERE operator = $1 AND state = 'PENDING' RETURNING id, session_id, queue")
                .execute(Tuple.of(subject, now))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        UUID session = row.getUUID("session_id");
                        chain = chain.chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'WAITING',"
                                + " assignee = NULL, updated_at = $2 WHERE session_id = $1 AND state = 'OFFERED'")
                                .execute(Tuple.of(session, now))
                                .chain(() -> offers.publish(c, RoutingEvents.OFFER_RESCINDED, session,
                                        row.getString("queue"), subject, row.getUUID("id")))
                                .invoke(() -> metrics.offers(row.getString("queue"), OfferOutcome.RESCINDED, 1)));
                    }
                    return chain;
                })).invoke(loop::wake);
    }
}

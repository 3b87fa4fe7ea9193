package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transfers a conversation to another operator (who must be available with room: it is assigned to them at once) or to
 * a queue (it waits there, routed as usual but pinned to that queue). Never ownerless: a refused transfer changes
 * nothing. The note is kept with the routing history and the audit log.
 */
@ApplicationScoped
public class Transfers {

    private final Pool pool;
    private final Offers offers;

    Transfers(Pool pool, Offers offers) {
        this.pool = pool;
        this.offers = offers;
    }

    /** Transfers the session {@code id} on behalf of {@code identity} (its assignee, or a supervisor). */
    public Uni<Void> transfer(UUID id, TransferRequest transfer, SecurityIdentity identity) {
        if ((transfer.operator() == null) == (transfer.queue() == null)) {
            return Uni.createFrom().failure(ProblemException.invalidField("operator", "give an operator or a queue"));
        }
        String actor = identity.getPrincipal().getName();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("SELECT t.state, t.assignee, t.queue, t.channel_kind"
                + " FROM routing_tasks t WHERE t.session_id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rows -> {
                    Row task = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (task == null || "DONE".equals(task.getString("state"))) {
                        throw ProblemException.conflict("Session " + id + " is not waiting for or held by an operator");
                    }
                    if (!identity.hasRole(Roles.SUPERVISOR) && !actor.equals(task.getString("assignee"))) {
                        throw new ProblemException(Problem.of(403, "Forbidden", "This conversation is not yours"));
                    }
                    Uni<Void> moved = transfer.operator() != null
                            ? toOperator(c, id, transfer.operator(), task.getString("channel_kind"), now)
                            : toQueue(c, id, transfer.queue(), now);
                    return c.preparedQuery("UPDATE offers SET state = 'RESCINDED', decided_at = $2"
                            + " WHERE session_id = $1 AND state = 'PENDING' RETURNING id, operator, queue")
                            .execute(Tuple.of(id, now))
                            .chain(rescinded -> {
                                Uni<Void> told = Uni.createFrom().voidItem();
                                for (Row offer : rescinded) {
                                    told = told.chain(() -> offers.publish(c, RoutingEvents.OFFER_RESCINDED, id,
                                            offer.getString("queue"), offer.getString("operator"),
                                            offer.getUUID("id")));
                                }
                                return told;
                            })
                            .chain(() -> moved)
                            .chain(() -> record(c, id, actor, transfer, task.getString("assignee"), now))
                            .chain(() -> offers.publish(c, RoutingEvents.TRANSFERRED, id,
                                    transfer.queue() != null ? transfer.queue() : task.getString("queue"),
                                    transfer.operator(), null));
                }));
    }

    private Uni<Void> toOperator(SqlConnection c, UUID session, String operator, String kind, OffsetDateTime now) {
        return offers.room(c, operator, kind, session).chain(room -> {
            if (room == Offers.Room.NO_SUCH_OPERATOR) {
                throw ProblemException.invalidField("operator", "no such operator");
            }
            if (room == Offers.Room.FULL) {
                throw ProblemException.conflict("Operator " + operator + " is not available with room for it");
            }
            return c.preparedQuery("UPDATE routing_tasks SET state = 'ASSIGNED', assignee = $2,"
                    + " forced_queue = NULL, updated_at = $3 WHERE session_id = $1")
                    .execute(Tuple.of(session, operator, now))
                    .chain(() -> c.preparedQuery("UPDATE sessions SET assignee = $2, version = version + 1"
                            + " WHERE id = $1").execute(Tuple.of(session, operator)))
                    .replaceWithVoid();
        });
    }

    private static Uni<Void> toQueue(SqlConnection c, UUID session, String queue, OffsetDateTime now) {
        return c.preparedQuery("SELECT 1 FROM queues WHERE id = $1").execute(Tuple.of(queue))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.invalidField("queue", "no such queue");
                    }
                    return c.preparedQuery("UPDATE routing_tasks SET state = 'WAITING', assignee = NULL,"
                            + " forced_queue = $2, queue = NULL, step = 0, step_timeout_at = NULL, updated_at = $3"
                            + " WHERE session_id = $1").execute(Tuple.of(session, queue, now))
                            .chain(() -> c.preparedQuery("UPDATE sessions SET assignee = NULL, version = version + 1"
                                    + " WHERE id = $1").execute(Tuple.of(session)))
                            .replaceWithVoid();
                });
    }

    private static Uni<Void> record(SqlConnection c, UUID session, String actor, TransferRequest transfer, String from,
            OffsetDateTime now) {
        JsonObject details = new JsonObject().put("from", from).put("toOperator", transfer.operator())
                .put("toQueue", transfer.queue()).put("note", transfer.note());
        return c.preparedQuery("INSERT INTO routing_decisions (session_id, trigger, decision, at)"
                + " VALUES ($1, 'transfer', $2, $3)").execute(Tuple.of(session, details, now))
                .chain(() -> c.preparedQuery("INSERT INTO audit_log (actor, action, subject, details)"
                        + " VALUES ($1, 'session.transferred', $2, $3)")
                        .execute(Tuple.of(actor, session.toString(), details)))
                .replaceWithVoid();
    }
}

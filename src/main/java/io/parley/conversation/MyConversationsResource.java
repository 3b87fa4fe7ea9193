package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The open conversations the caller holds, from the server's state (so a reload or a second tab shows the same list),
 * most urgent first: those whose customer waits for an answer, longest waiting first, then the rest by last activity.
 * The preview is of the last message a person wrote (the customer or an operator), never of Parley's auto-replies.
 */
@Path("/api/operators/me/conversations")
@RolesAllowed(Roles.OPERATOR)
class MyConversationsResource {

    /** Longest preview of the last message, in characters. */
    static final int PREVIEW = 140;

    /**
     * One held conversation.
     *
     * @param unanswered customer messages since the last reply by a person (Parley's own auto-replies do not count)
     * @param waitingSince when the oldest of those was sent, or null when nothing waits for an answer
     */
    record Held(UUID sessionId, UUID customerId, String customerName, String channelType, String lastDirection,
            String lastPreview, OffsetDateTime lastAt, int unanswered, OffsetDateTime waitingSince,
            OffsetDateTime openedAt) {
    }

    private static final String HELD = """
            SELECT s.id, s.customer_id, c.display_name, s.opened_at, s.last_activity_at,
                   last.channel_type, last.direction, left(coalesce(last.text, ''), $2) AS preview, last.sent_at,
                   waiting.count AS unanswered, waiting.since
              FROM sessions s
              JOIN customers c ON c.id = s.customer_id
              LEFT JOIN LATERAL (SELECT channel_type, direction, text, sent_at FROM messages m
                                  WHERE m.session_id = s.id AND m.author IS DISTINCT FROM 'parley'
                                  ORDER BY sent_at DESC, seq DESC LIMIT 1) last ON true
              LEFT JOIN LATERAL (SELECT count(*)::int AS count, min(sent_at) AS since FROM messages m
                                  WHERE m.session_id = s.id AND m.direction = 'IN'
                                    AND m.sent_at > coalesce((SELECT max(sent_at) FROM messages o
                                                               WHERE o.session_id = s.id AND o.direction = 'OUT'
                                                                 AND o.author IS DISTINCT FROM 'parley'),
                                                             '-infinity')) waiting ON true
             WHERE s.state = 'OPEN' AND %s
             ORDER BY waiting.since ASC NULLS LAST, s.last_activity_at DESC
            """;

    private final Pool pool;
    private final SecurityIdentity identity;

    MyConversationsResource(Pool pool, SecurityIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    @GET
    public Uni<List<Held>> held() {
        return list("s.assignee = $1");
    }

    /** The open conversations colleagues asked the caller into ({@link ConsultResource}), in the same form. */
    @GET
    @Path("/consulted")
    public Uni<List<Held>> consulted() {
        return list("s.id IN (SELECT session_id FROM session_consults WHERE operator = $1)");
    }

    private Uni<List<Held>> list(String which) {
        return pool.preparedQuery(HELD.formatted(which)).execute(Tuple.of(identity.getPrincipal().getName(), PREVIEW))
                .map(rows -> {
                    List<Held> held = new ArrayList<>();
                    for (Row r : rows) {
                        held.add(new Held(r.getUUID("id"), r.getUUID("customer_id"), r.getString("display_name"),
                                r.getString("channel_type"), r.getString("direction"), r.getString("preview"),
                                r.getOffsetDateTime("sent_at"), r.getInteger("unanswered"),
                                r.getOffsetDateTime("since"), r.getOffsetDateTime("opened_at")));
                    }
                    return held;
                });
    }
}

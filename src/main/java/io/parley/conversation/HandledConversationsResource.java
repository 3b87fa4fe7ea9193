package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The conversations the caller handled last (closed while they held them), newest first: the hotline desk's "last 10"
 * list. An operator may open each of them again (their customer's history stays readable to whoever handled one).
 */
@Path("/api/operators/me/handled")
@RolesAllowed(Roles.OPERATOR)
class HandledConversationsResource {

    /** One handled conversation, with the wrap-up given at its close (null when it closed by itself). */
    record Handled(UUID sessionId, UUID customerId, String customerName, String channelType, String firstPreview,
            OffsetDateTime openedAt, OffsetDateTime closedAt, String closeReason, WrapUp wrapUp) {
    }

    private static final String HANDLED = """
            SELECT s.id, s.customer_id, c.display_name, s.opened_at, s.closed_at, s.close_reason,
                   s.wrap_up_category, s.wrap_up_resolution, first.channel_type, left(coalesce(first.text, ''), $3) AS preview
              FROM sessions s
              JOIN customers c ON c.id = s.customer_id
              LEFT JOIN LATERAL (SELECT channel_type, text FROM messages m
                                  WHERE m.session_id = s.id AND m.direction = 'IN'
                                  ORDER BY sent_at, seq LIMIT 1) first ON true
             WHERE s.state = 'CLOSED' AND s.assignee = $1
             ORDER BY s.closed_at DESC
             LIMIT $2
            """;

    private final Pool pool;
    private final SecurityIdentity identity;

    HandledConversationsResource(Pool pool, SecurityIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    @GET
    public Uni<List<Handled>> handled(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return pool.preparedQuery(HANDLED)
                .execute(Tuple.of(identity.getPrincipal().getName(), limit, MyConversationsResource.PREVIEW))
                .map(rows -> {
                    List<Handled> handled = new ArrayList<>();
                    for (Row r : rows) {
                        handled.add(new Handled(r.getUUID("id"), r.getUUID("customer_id"), r.getString("display_name"),
                                r.getString("channel_type"), r.getString("preview"), r.getOffsetDateTime("opened_at"),
                                r.getOffsetDateTime("closed_at"), r.getString("close_reason"),
                                WrapUp.of(r.getString("wrap_up_category"), r.getString("wrap_up_resolution"))));
                    }
                    return handled;
                });
    }
}

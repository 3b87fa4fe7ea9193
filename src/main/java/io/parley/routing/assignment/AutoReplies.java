package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.OutboundCommand;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.common.outbox.Outbox;
import io.parley.routing.core.Decision;
import io.parley.routing.core.QueueSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queue's automatic replies when a conversation enters it: out-of-hours when it is closed, otherwise the
 * customer's place in the queue when nobody can take it at once. Sent through the customer's channel like any reply
 * (author {@code parley}), in the routing transaction.
 */
@ApplicationScoped
class AutoReplies {

    static final String AUTHOR = "parley";

    private final Outbox outbox;

    AutoReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    Uni<Void> onEntering(SqlConnection c, UUID sessionId, QueueSnapshot queue, Decision decision,
            OffsetDateTime now) {
        if (queue.replies() == null) {
            return Uni.createFrom().voidItem();
        }
        if (!queue.open() && queue.replies().outOfHours() != null) {
            return send(c, sessionId, queue.replies().outOfHours(), now);
        }
        if (queue.open() && decision.winner() == null && queue.replies().position() != null) {
            return c.preparedQuery("SELECT count(*) AS ahead FROM routing_tasks o, routing_tasks me"
                    + " WHERE me.session_id = $1 AND o.state = 'WAITING' AND o.queue = $2 AND o.session_id <> $1"
                    + " AND (o.priority > me.priority OR (o.priority = me.priority AND o.entered_at < me.entered_at))")
                    .execute(Tuple.of(sessionId, queue.id()))
                    .chain(rows -> send(c, sessionId, queue.replies().position()
                            .replace("{position}", String.valueOf(rows.iterator().next().getLong("ahead") + 1)), now));
        }
        return Uni.createFrom().voidItem();
    }

    /** Stores an automatic reply to the chat the customer wrote from last and queues it for delivery. */
    private Uni<Void> send(SqlConnection c, UUID sessionId, String text, OffsetDateTime now) {
        return c.preparedQuery("SELECT m.customer_id, m.identity_id, m.channel_id, m.channel_type, m.external_chat_id,"
                + " m.external_id FROM messages m WHERE m.session_id = $1 AND m.direction = 'IN'"
                + " ORDER BY m.sent_at DESC, m.seq DESC LIMIT 1").execute(Tuple.of(sessionId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().voidItem();
                    }
                    Row last = rows.iterator().next();
                    UUID id = UUID.randomUUID();
                    OutboundCommand command = new OutboundCommand(id, sessionId, last.getUUID("customer_id"),
                            last.getUUID("channel_id"), last.getString("external_chat_id"), text, List.of(),
                            last.getString("external_id"), List.of());
                    return c.preparedQuery("INSERT INTO messages (id, session_id, customer_id, identity_id, channel_id,"
                            + " channel_type, external_chat_id, direction, author, text, delivery_status, sent_at)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'OUT', $8, $9, $10, $11)")
                            .execute(Tuple.from(Arrays.asList(id, sessionId, last.getUUID("customer_id"),
                                    last.getUUID("identity_id"), last.getUUID("channel_id"),
                                    last.getString("channel_type"), last.getString("external_chat_id"), AUTHOR, text,
                                    DeliveryStatus.PENDING.name(), now)))
                            .chain(() -> outbox.append(c, OutboundCommand.TOPIC, sessionId.toString(), command));
                });
    }
}

package io.parley.conversation;

import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pipeline's events other than new messages, each in one transaction on its own connection (chats of a batch run
 * in parallel, so they share no session): edits, delivery receipts and blocks.
 */
@ApplicationScoped
class InboundUpdates {

    private final Pool pool;
    private final ConversationEvents events;

    InboundUpdates(Pool pool, ConversationEvents events) {
        this.pool = pool;
        this.events = events;
    }

    Uni<Void> edited(UUID channelId, InboundEvent.MessageEdited e) {
        return pool.withTransaction(c -> c.preparedQuery("UPDATE messages SET text = $3, edited_at = $4"
                + " WHERE channel_id = $1 AND direction = 'IN' AND external_id = $2")
                .execute(Tuple.of(channelId, e.externalMessageId(), e.text(), e.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid());
    }

    /**
     * A receipt moves a reply's status forward, and only a reply sent to the chat the receipt comes from: one
     * customer cannot mark another's replies read.
     */
    Uni<Void> delivery(UUID channelId, InboundEvent.DeliveryStatusChanged d) {
        return pool.withTransaction(c -> c.preparedQuery("""
                SELECT id, session_id, customer_id, channel_type, external_id, text, subject, attachments,
                       delivery_status
                FROM messages WHERE channel_id = $1 AND direction = 'OUT' AND external_id = $2
                                AND lower(external_chat_id) = lower($3)
                FOR UPDATE""").execute(Tuple.of(channelId, d.externalMessageId(), d.externalChatId()))
                .chain(rows -> {
                    Row row = first(rows);
                    DeliveryStatus current = row == null || row.getString("delivery_status") == null ? null
                            : DeliveryStatus.valueOf(row.getString("delivery_status"));
                    if (row == null || !advances(current, d.status())) {
                        return Uni.createFrom().voidItem();
                    }
                    String type = d.status() == DeliveryStatus.FAILED ? ConversationEvents.MESSAGE_FAILED
                            : ConversationEvents.MESSAGE_DELIVERED;
                    ConversationEvents.MessageData data = new ConversationEvents.MessageData(row.getUUID("id"),
                            row.getUUID("session_id"), row.getUUID("customer_id"), channelId,
                            row.getString("channel_type"), Direction.OUT.name(), row.getString("external_id"),
                            row.getString("text"), row.getString("subject"),
                            new AttachmentsConverter().convertToEntityAttribute(row.getString("attachments")),
                            d.status().name(), d.reason());
                    return c.preparedQuery("UPDATE messages SET delivery_status = $2, failure_reason = $3 WHERE id = $1")
                            .execute(Tuple.of(row.getUUID("id"), d.status().name(), d.reason()))
                            .chain(() -> events.message(c, type, data));
                }));
    }

    /**
     * A reply written outside Parley joins the history of the customer of that chat, in their open session, else their
     * latest one, as a SENT outbound message of author {@code provider:<authorId>}; stored once per provider id. A chat
     * Parley has no customer for (a colleague wrote first) is skipped.
     */
    Uni<Void> sentElsewhere(InboundEnvelope envelope, InboundEvent.ReplySentElsewhere r) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO messages (id, session_id, customer_id, identity_id, channel_id, channel_type,
                                      external_chat_id, external_id, direction, author, text, attachments,
                                      delivery_status, sent_at)
                SELECT $1::uuid, s.id, i.customer_id, i.id, $2::uuid, $3::text, $4::text, $5::text, 'OUT',
                       $6::text, $7::text, $8::text, 'SENT', $9::timestamptz
                FROM channel_identities i
                JOIN LATERAL (SELECT id FROM sessions WHERE customer_id = i.customer_id
                              ORDER BY (state = 'OPEN') DESC, opened_at DESC LIMIT 1) s ON TRUE
                WHERE i.channel_id = $2::uuid AND i.external_user_id = $4::text
                ON CONFLICT DO NOTHING
                RETURNING session_id, customer_id""")
                .execute(Tuple.from(java.util.Arrays.asList(id, envelope.channelId(), envelope.channelType(),
                        r.externalChatId(), r.externalMessageId(),
                        "provider:" + (r.authorId() == null ? "unknown" : r.authorId()), r.text(),
                        AttachmentsConverter.toJson(r.attachments()), r.occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(rows -> {
                    Row row = first(rows);
                    if (row == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return events.message(c, ConversationEvents.MESSAGE_SENT, new ConversationEvents.MessageData(id,
                            row.getUUID("session_id"), row.getUUID("customer_id"), envelope.channelId(),
                            envelope.channelType(), Direction.OUT.name(), r.externalMessageId(), r.text(), null,
                            r.attachments(), "SENT", null));
                }));
    }

    Uni<Void> blocked(UUID channelId, InboundEvent.ContactBlocked b) {
        return pool.withTransaction(c -> c.preparedQuery("UPDATE channel_identities SET unreachable = $3"
                + " WHERE channel_id = $1 AND external_user_id = $2")
                .execute(Tuple.of(channelId, b.externalUserId(), b.blocked())).replaceWithVoid());
    }

    /** Statuses only move forward; a late SENT never overwrites DELIVERED. */
    static boolean advances(DeliveryStatus current, DeliveryStatus next) {
        if (current == null) {
            return true;
        }
        if (next == DeliveryStatus.FAILED) {
            return current == DeliveryStatus.PENDING || current == DeliveryStatus.SENT;
        }
        return current != DeliveryStatus.FAILED && next.ordinal() > current.ordinal();
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}

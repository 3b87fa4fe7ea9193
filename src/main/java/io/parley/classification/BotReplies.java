package io.parley.classification;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.OutboundCommand;
import io.parley.channel.spi.Button;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.common.outbox.Outbox;
import io.parley.conversation.InboundTriage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Replies of the menu bot and the spam auto-reply: stored as outbound messages of author {@value #AUTHOR} and queued
 * for delivery to the chat the customer wrote from, in the caller's transaction. Buttons are shown by channels that
 * have them and written as numbered text by the others (the channel runtime does that); the stored message, which the
 * session history and the in-app chat's history show, always has the numbered text. A reply answers the customer's
 * message (its provider id as {@code inReplyTo}), so an email reply is threaded under it ("Re: " its subject).
 */
@ApplicationScoped
class BotReplies {

    static final String AUTHOR = "parley-bot";

    private final Outbox outbox;

    BotReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    Uni<Void> send(SqlConnection c, InboundTriage.Inbound to, String text, List<Button> buttons) {
        UUID id = UUID.randomUUID();
        OutboundCommand command = new OutboundCommand(id, to.sessionId(), to.customerId(), to.channelId(),
                to.chatId(), text, List.of(), to.externalMessageId(), buttons);
        return c.preparedQuery("INSERT INTO messages (id, session_id, customer_id, identity_id, channel_id,"
                + " channel_type, external_chat_id, direction, author, text, delivery_status, sent_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'OUT', $8, $9, $10, $11)")
                .execute(Tuple.from(Arrays.asList(id, to.sessionId(), to.customerId(), to.identityId(), to.channelId(),
                        to.channelType(), to.chatId(), AUTHOR, numbered(text, buttons), DeliveryStatus.PENDING.name(),
                        to.now())))
                .chain(() -> outbox.append(c, OutboundCommand.TOPIC, to.sessionId().toString(), command));
    }

    /** The text with one numbered line per button, as channels without buttons show it. */
    static String numbered(String text, List<Button> buttons) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < buttons.size(); i++) {
            out.append('\n').append(i + 1).append(". ").append(buttons.get(i).label());
        }
        return out.toString();
    }
}

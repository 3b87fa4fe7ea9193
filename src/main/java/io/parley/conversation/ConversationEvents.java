package io.parley.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Attachment;
import io.parley.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The CloudEvents of customers, sessions and messages (see docs/events.md). Each is published inside the transaction
 * of its change and keyed by customer, so one customer's events keep their order.
 */
@ApplicationScoped
public class ConversationEvents {

    public static final String CUSTOMER_CREATED = "io.parley.customer.created";
    public static final String CUSTOMER_LINKED = "io.parley.customer.linked";
    public static final String CUSTOMER_UNLINKED = "io.parley.customer.unlinked";
    public static final String SESSION_OPENED = "io.parley.session.opened";
    public static final String SESSION_REOPENED = "io.parley.session.reopened";
    public static final String SESSION_CLOSED = "io.parley.session.closed";
    public static final String MESSAGE_RECEIVED = "io.parley.message.received";
    public static final String MESSAGE_SENT = "io.parley.message.sent";
    public static final String MESSAGE_DELIVERED = "io.parley.message.delivered";
    public static final String MESSAGE_FAILED = "io.parley.message.failed";

    /** Data of customer events. */
    public record CustomerData(UUID customerId, UUID identityId, UUID channelId, String channelType, String via) {
    }

    /** Data of session events; {@code wrapUp} only on a close with a wrap-up. */
    public record SessionData(UUID sessionId, UUID customerId, UUID channelId, String reason, WrapUp wrapUp) {

        public SessionData(UUID sessionId, UUID customerId, UUID channelId, String reason) {
            this(sessionId, customerId, channelId, reason, null);
        }
    }

    /** Data of message events. */
    public record MessageData(UUID messageId, UUID sessionId, UUID customerId, UUID channelId, String channelType,
            String direction, String externalId, String text, String subject, List<Attachment> attachments,
            String status,
            String reason) {
    }

    private final EventPublisher publisher;

    ConversationEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    Uni<Void> customer(SqlConnection connection, String type, CustomerData data) {
        return publisher.publish(connection, type, data.customerId().toString(), data.customerId().toString(), data);
    }

    Uni<Void> session(SqlConnection connection, String type, SessionData data) {
        return publisher.publish(connection, type, data.sessionId().toString(), data.customerId().toString(), data);
    }

    Uni<Void> message(SqlConnection connection, String type, MessageData data) {
        return publisher.publish(connection, type, data.messageId().toString(), data.customerId().toString(), data);
    }

    public Uni<Void> customer(String type, CustomerData data) {
        return publisher.publish(type, data.customerId().toString(), data.customerId().toString(), data);
    }

    public Uni<Void> session(String type, SessionEntity session, String reason) {
        return publisher.publish(type, session.id.toString(), session.customerId.toString(),
                new SessionData(session.id, session.customerId, session.lastChannelId, reason,
                        WrapUp.of(session.wrapUpCategory, session.wrapUpResolution)));
    }

    public Uni<Void> message(String type, MessageEntity message, String reason) {
        MessageData data = new MessageData(message.id, message.sessionId, message.customerId, message.channelId,
                message.channelType, message.direction.name(), message.externalId, message.text, message.subject,
                message.attachments, message.deliveryStatus == null ? null : message.deliveryStatus.name(), reason);
        return publisher.publish(type, message.id.toString(), message.customerId.toString(), data);
    }
}

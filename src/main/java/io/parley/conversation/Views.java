package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;

/** What the conversation API returns. */
final class Views {

    private Views() {
    }

    /**
     * One message of a history.
     *
     * @param subject the subject line (email), or null
     * @param htmlUrl where the message's HTML body is served (with a strict Content-Security-Policy), or null
     */
    record MessageView(UUID id, UUID sessionId, UUID channelId, String channelType, Direction direction,
            String author, String text, String subject, String htmlUrl, List<Attachment> attachments,
            DeliveryStatus deliveryStatus, String failureReason, OffsetDateTime sentAt, OffsetDateTime editedAt,
            String clientKey) {

        static MessageView of(MessageEntity m) {
            return new MessageView(m.id, m.sessionId, m.channelId, m.channelType, m.direction, m.author, m.text,
                    m.subject, m.hasHtml ? "/api/messages/" + m.id + "/html" : null, m.attachments, m.deliveryStatus,
                    m.failureReason, m.sentAt, m.editedAt, m.clientKey);
        }
    }

    /** A page of a customer's timeline, newest first; pass {@code nextCursor} to get older messages. */
    record TimelinePage(UUID customerId, List<MessageView> messages, String nextCursor) {
    }

    /** A session with its messages, oldest first; {@code wrapUp} once closed with one. */
    record SessionView(UUID id, UUID customerId, SessionState state, String assignee, UUID lastChannelId,
            OffsetDateTime openedAt, OffsetDateTime lastActivityAt, OffsetDateTime closedAt, String closeReason,
            WrapUp wrapUp, int reopenCount, List<MessageView> messages) {

        static SessionView of(SessionEntity s, List<MessageEntity> messages) {
            return new SessionView(s.id, s.customerId, s.state, s.assignee, s.lastChannelId, s.openedAt,
                    s.lastActivityAt, s.closedAt, s.closeReason, WrapUp.of(s.wrapUpCategory, s.wrapUpResolution),
                    s.reopenCount, messages.stream().map(MessageView::of).toList());
        }
    }

    /** A customer's account in one channel. */
    record IdentityView(UUID id, UUID channelId, String externalUserId, String displayName, String username,
            String phone, String email, boolean unreachable) {

        static IdentityView of(IdentityEntity i) {
            return new IdentityView(i.id, i.channelId, i.externalUserId, i.displayName, i.username, i.phone, i.email,
                    i.unreachable);
        }
    }

    /** A customer with all their channel identities. */
    record CustomerView(UUID id, String displayName, String username, String phone, String email, UUID mergedInto,
            OffsetDateTime createdAt, List<IdentityView> identities) {

        static CustomerView of(CustomerEntity c, List<IdentityEntity> identities) {
            return new CustomerView(c.id, c.displayName, c.username, c.phone, c.email, c.mergedInto, c.createdAt,
                    identities.stream().map(IdentityView::of).toList());
        }
    }
}

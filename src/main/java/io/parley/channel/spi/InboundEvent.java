package io.parley.channel.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something a customer's channel reported, normalized. Every event names the provider's chat
 * ({@link #externalChatId()}); the runtime keys, orders and deduplicates by it.
 */
public sealed interface InboundEvent {

    /** The provider's conversation id (Telegram chat id, VK peer id, email thread root, app visitor id). */
    String externalChatId();

    /** When the provider says it happened. */
    Instant occurredAt();

    /**
     * A new message from a customer. {@code externalMessageId} is the provider's natural key for deduplication
     * (Telegram chat+message id, VK message id, email Message-ID, in-app client message id).
     *
     * @param subject the message's subject line (email), stored and shown to operators; null for none
     * @param html the message's HTML body (email), stored and served only with a strict Content-Security-Policy; null
     *        for none
     * @param threading earlier messages this one names, to join their conversation
     */
    record MessageReceived(String externalMessageId, String externalChatId, Sender sender, String text,
            List<Attachment> attachments, Instant occurredAt, Map<String, String> metadata, String subject,
            String html, Threading threading) implements InboundEvent {

        public MessageReceived {
            attachments = List.copyOf(attachments);
            metadata = Map.copyOf(metadata);
            threading = threading == null ? Threading.NONE : threading;
        }

        /** A message without subject, HTML or threading (chat channels). */
        public MessageReceived(String externalMessageId, String externalChatId, Sender sender, String text,
                List<Attachment> attachments, Instant occurredAt, Map<String, String> metadata) {
            this(externalMessageId, externalChatId, sender, text, attachments, occurredAt, metadata, null, null,
                    Threading.NONE);
        }
    }

    /** The customer edited an earlier message. */
    record MessageEdited(String externalMessageId, String externalChatId, String text, Instant occurredAt)
            implements
                InboundEvent {
    }

    /**
     * The provider reports what happened to a message Parley sent.
     *
     * @param reason why it failed, as the provider says (an email DSN's {@code 550 5.1.1 …}); null when not told
     */
    record DeliveryStatusChanged(String externalMessageId, String externalChatId, DeliveryStatus status,
            Instant occurredAt, String reason) implements InboundEvent {

        /** A report without a reason. */
        public DeliveryStatusChanged(String externalMessageId, String externalChatId, DeliveryStatus status,
                Instant occurredAt) {
            this(externalMessageId, externalChatId, status, occurredAt, null);
        }
    }

    /**
     * A message to the customer written outside Parley: a colleague answering in the provider's own interface (VK's
     * community messages). Stored in the customer's history as a sent outbound message so the conversation is
     * complete, never sent again. Adapters must not report Parley's own sends this way.
     *
     * @param authorId the provider's id of whoever wrote it (a VK community administrator), or null
     */
    record ReplySentElsewhere(String externalMessageId, String externalChatId, String authorId, String text,
            List<Attachment> attachments, Instant occurredAt) implements InboundEvent {

        public ReplySentElsewhere {
            attachments = List.copyOf(attachments);
        }
    }

    /** The customer blocked the channel (Parley can no longer write to them), or unblocked it. */
    record ContactBlocked(String externalChatId, String externalUserId, boolean blocked, Instant occurredAt)
            implements
                InboundEvent {
    }
}

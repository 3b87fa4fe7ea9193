package io.parley.channel.runtime;

import java.util.List;
import java.util.UUID;

import io.parley.channel.spi.Attachment;

/**
 * A reply to deliver, as written to {@code parley.outbound} (key = session id, so one session's replies keep their
 * order).
 */
public record OutboundCommand(UUID messageId, UUID sessionId, UUID customerId, UUID channelId, String externalChatId,
        String text, List<Attachment> attachments, String inReplyTo) {

    public static final String TOPIC = "parley.outbound";
}

package io.parley.channel.runtime;

import java.util.List;
import java.util.UUID;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.Button;

/**
 * A reply to deliver, as written to {@code parley.outbound} (key = session id, so one session's replies keep their
 * order).
 *
 * @param buttons menu choices for the last part of the text (menu bot); never null
 */
public record OutboundCommand(UUID messageId, UUID sessionId, UUID customerId, UUID channelId, String externalChatId,
        String text, List<Attachment> attachments, String inReplyTo, List<Button> buttons) {

    public static final String TOPIC = "parley.outbound";

    public OutboundCommand {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}

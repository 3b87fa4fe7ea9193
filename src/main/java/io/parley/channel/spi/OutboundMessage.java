package io.parley.channel.spi;

import java.util.List;

/**
 * A message Parley sends to a customer.
 *
 * @param messageId Parley's id; the same across retries of one message, usable as the provider's idempotency key
 * @param externalChatId the provider chat to send to
 * @param text the text, at most {@link ChannelCapabilities#maxTextLength()} (the runtime splits longer ones)
 * @param attachments files to send as links
 * @param inReplyTo the provider id of the customer message this answers, when known (email threading)
 * @param buttons choices to show with the message; empty unless the channel declares
 *        {@link ChannelCapabilities#buttons()}
 */
public record OutboundMessage(String messageId, String externalChatId, String text, List<Attachment> attachments,
        String inReplyTo, List<Button> buttons) {

    public OutboundMessage {
        attachments = List.copyOf(attachments);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}

package io.parley.channel.spi;

/**
 * What a channel supports and its limits.
 *
 * @param maxTextLength the longest text one provider message may carry
 * @param maxAttachments the most attachments one message may carry (0 = none)
 * @param maxAttachmentBytes the largest attachment the provider accepts
 * @param edits whether messages can be edited after sending
 * @param buttons whether messages can carry buttons (used by the menu bot)
 * @param sendRatePerSecond how many sends per second the provider allows for one channel instance
 */
public record ChannelCapabilities(int maxTextLength, int maxAttachments, long maxAttachmentBytes, boolean edits,
        boolean buttons, double sendRatePerSecond) {

    public ChannelCapabilities {
        if (maxTextLength <= 0 || maxAttachments < 0 || maxAttachmentBytes < 0 || sendRatePerSecond <= 0) {
            throw new IllegalArgumentException("Capabilities must be positive");
        }
    }
}

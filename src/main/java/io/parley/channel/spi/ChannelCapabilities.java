package io.parley.channel.spi;

/**
 * What a channel supports and its limits.
 *
 * @param maxTextLength the longest text one provider message may carry, counted in {@code textUnit}s
 * @param maxAttachments the most attachments one message may carry (0 = none)
 * @param maxAttachmentBytes the largest attachment the provider accepts
 * @param edits whether messages can be edited after sending
 * @param buttons whether messages can carry buttons (used by the menu bot)
 * @param sendRatePerSecond how many sends per second the provider allows for one channel instance
 * @param textUnit how the provider counts the length of a text
 */
public record ChannelCapabilities(int maxTextLength, int maxAttachments, long maxAttachmentBytes, boolean edits,
        boolean buttons, double sendRatePerSecond, TextUnit textUnit) {

    /** How a provider counts a text's length against {@link #maxTextLength()}. */
    public enum TextUnit {
        /** UTF-16 code units, as Java's {@code String.length()} (Telegram; an emoji outside the BMP counts 2). */
        UTF16_CODE_UNITS,
        /** Unicode code points (an emoji outside the BMP counts 1). */
        CODE_POINTS;

        /** The length of {@code text} from {@code start} to {@code end} (UTF-16 indexes) in this unit. */
        public int length(CharSequence text, int start, int end) {
            return this == UTF16_CODE_UNITS ? end - start : Character.codePointCount(text, start, end);
        }
    }

    public ChannelCapabilities {
        if (maxTextLength <= 0 || maxAttachments < 0 || maxAttachmentBytes < 0 || sendRatePerSecond <= 0
                || textUnit == null) {
            throw new IllegalArgumentException("Capabilities must be positive");
        }
    }

    /** Capabilities of a provider that counts text in UTF-16 code units (the strictest count). */
    public ChannelCapabilities(int maxTextLength, int maxAttachments, long maxAttachmentBytes, boolean edits,
            boolean buttons, double sendRatePerSecond) {
        this(maxTextLength, maxAttachments, maxAttachmentBytes, edits, buttons, sendRatePerSecond,
                TextUnit.UTF16_CODE_UNITS);
    }
}

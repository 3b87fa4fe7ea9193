package io.parley.conversation;

import jakarta.validation.constraints.Pattern;

/**
 * What an operator records when closing a conversation: its category (one of the classification's categories; it also
 * becomes a training label) and a resolution code from {@link ConversationConfig#wrapUpResolutions()}.
 */
public record WrapUp(@Pattern(regexp = "[\\p{L}\\p{N}_.-]{1,64}") String category,
        @Pattern(regexp = "[\\p{L}\\p{N}_.-]{1,64}") String resolution) {

    /** The wrap-up of a closed session, or null when none was given. */
    static WrapUp of(String category, String resolution) {
        return category == null && resolution == null ? null : new WrapUp(category, resolution);
    }
}

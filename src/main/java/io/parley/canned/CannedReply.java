package io.parley.canned;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A canned reply: found by typing {@code /} and its shortcut (or a word of its title) in the composer.
 *
 * @param queueId the queue it is offered in, or null for every queue
 * @param language the customer language it is written in (e.g. {@code ru}), or null for any
 */
record CannedReply(UUID id, String shortcut, String title, String body, String queueId, String language,
        String updatedBy, OffsetDateTime updatedAt) {

    /** What an admin or supervisor sends to create or change one. */
    record Definition(@NotBlank @Pattern(regexp = "[\\p{L}\\p{N}_-]{1,40}") String shortcut,
            @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String body,
            @Size(max = 40) String queueId, @Pattern(regexp = "[a-z]{2}") String language) {
    }

    /** As offered to an operator for one session: {@code text} is the body with the session's values filled in. */
    record Rendered(UUID id, String shortcut, String title, String text, String queueId, String language) {
    }
}

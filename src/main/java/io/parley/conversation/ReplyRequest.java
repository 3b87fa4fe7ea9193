package io.parley.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator's reply.
 *
 * @param clientKey the client's idempotency key: sending the same key again returns the first reply
 * @param channelId send through this channel of the customer instead of the one they wrote from last
 */
public record ReplyRequest(@Size(max = 20_000) String text, @Size(max = 10) List<@Valid AttachmentLink> attachments,
        @NotBlank @Size(max = 100) String clientKey, UUID channelId) {

    /** A file to send, as a link. */
    public record AttachmentLink(@NotBlank @Pattern(regexp = "https?://.+") String url,
            @NotBlank @Size(max = 255) String name, @NotNull @Size(max = 100) String mediaType, long size) {
    }
}

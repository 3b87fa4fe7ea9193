package io.parley.webhooks;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;

/**
 * Replays a subscription's deliveries created in [{@code from}, {@code to}).
 *
 * @param include {@code dead} (default) replays dead-lettered deliveries only, {@code all} delivered ones too
 */
public record ReplayRequest(@NotNull OffsetDateTime from, @NotNull OffsetDateTime to, String include) {
}

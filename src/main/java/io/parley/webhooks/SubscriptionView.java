package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it: its secrets only by fingerprint.
 *
 * @param failureStreak failed attempts in a row; reaching {@code parley.webhooks.disable-after-failures} disables it
 * @param disabledReason why Parley disabled it, or null
 */
public record SubscriptionView(UUID id, String url, List<String> types, String filter, String description,
        boolean enabled, int failureStreak, String disabledReason, List<SecretView> secrets, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /**
     * An active signing secret.
     *
     * @param fingerprint the first 8 hex digits of the SHA-256 of the secret, to tell which one a receiver holds
     * @param expiresAt when a rotated-out secret stops signing; null for the current one
     */
    public record SecretView(String fingerprint, OffsetDateTime expiresAt) {
    }
}

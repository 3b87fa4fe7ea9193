package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery taken for one attempt (leased until the attempt timeout and a margin have passed, so a crashed
 * instance's attempt is made again).
 *
 * @param attempt this attempt's number, from 1
 * @param windowStart when its retry window started (creation or last replay)
 * @param body the CloudEvent as stored, sent and signed byte for byte the same on every attempt
 */
record Claimed(UUID id, UUID subscriptionId, int attempt, OffsetDateTime windowStart, String url, byte[] secrets,
        String body) {
}

package io.parley.channel.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spaces sends per channel instance to the provider's rate ({@code ChannelCapabilities.sendRatePerSecond}). Each
 * instance of Parley enforces the rate for the sends it performs.
 */
@ApplicationScoped
class SendRateLimiter {

    private final Map<UUID, Long> nextFreeNanos = new ConcurrentHashMap<>();

    /** Reserves the next send slot for {@code channelId} and says how long to wait for it. */
    Duration reserve(UUID channelId, double perSecond, long nowNanos) {
        long interval = (long) (1_000_000_000L / perSecond);
        long slot = nextFreeNanos.merge(channelId, nowNanos + interval,
                (next, ignored) -> Math.max(next, nowNanos) + interval) - interval;
        return Duration.ofNanos(Math.max(0, slot - nowNanos));
    }
}

package io.parley.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.common.problem.RateLimitedException;

/**
 * Counts requests per key (a client address, a channel) in fixed one-minute windows, in this instance's memory: with
 * several instances each enforces its own share. Keys of past windows are dropped once the table grows large, so a
 * flood of distinct addresses cannot grow it without bound.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    RateLimiter() {
        this(Clock.systemUTC());
    }

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one request for {@code key}; fails with 429 and the seconds until the next window past the limit. */
    public void take(String key, int perMinute, String what) {
        long now = clock.millis();
        long minute = now / 60_000;
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        Window window = windows.merge(key, new Window(minute, 1),
                (old, fresh) -> old.minute() == minute ? new Window(minute, old.count() + 1) : fresh);
        if (window.count() > perMinute) {
            long retry = Math.max(1, Duration.ofMillis((minute + 1) * 60_000 - now).toSeconds());
            throw new RateLimitedException(what + ": at most " + perMinute + " a minute", retry);
        }
    }
}

package io.parley.webhooks;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: {@code initial * 2^(attempt-1)}, capped at {@code max}, then "full jitter"
 * halved (a uniform delay between half and all of it), so receivers that recover are not hit by every sender at once.
 * The schedule is stored ({@code next_attempt_at}), not held in memory, because it spans a day and restarts.
 */
record Backoff(Duration initial, Duration max) {

    /** The delay after the {@code attempt}-th failed attempt (1-based). */
    Duration after(int attempt, RandomGenerator random) {
        long cap = max.toMillis();
        long base = Math.min(cap, initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30));
        long half = Math.max(base / 2, 1);
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }
}

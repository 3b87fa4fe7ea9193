package io.parley.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay. */
@ConfigMapping(prefix = "parley.outbox")
public interface OutboxConfig {

    /**
     * How often the relay sweeps for records in case a commit notification was missed (scheduler syntax, at least
     * {@code 1s}). Normally records are relayed right after their commit.
     */
    @WithDefault("1s")
    String sweepInterval();

    /** The most records relayed in one round. */
    @WithDefault("500")
    int batchSize();
}

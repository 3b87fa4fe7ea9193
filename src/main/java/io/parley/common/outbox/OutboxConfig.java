package io.parley.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay. */
@ConfigMapping(prefix = "parley.outbox")
public interface OutboxConfig {

    /** How often the relay looks for new outbox records (scheduler syntax, e.g. {@code 200ms}). */
    @WithDefault("200ms")
    String pollInterval();

    /** The most records relayed in one round. */
    @WithDefault("500")
    int batchSize();
}

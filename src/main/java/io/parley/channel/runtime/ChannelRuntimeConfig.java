package io.parley.channel.runtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The channel runtime: adapters, outbound delivery, dead letters. */
@ConfigMapping(prefix = "parley.channels")
public interface ChannelRuntimeConfig {

    /** The externally reachable base URL of Parley, given to adapters that register webhooks. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** How long a resolved adapter is reused before its channel is read again (changes apply within this time). */
    @WithDefault("5s")
    Duration cacheTtl();

    /** Outbound delivery. */
    Outbound outbound();

    interface Outbound {

        /** Attempts per message for retryable failures before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        /** The first retry delay; doubled on each attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest retry delay, and the longest provider retry-after honoured before dead-lettering. */
        @WithDefault("5m")
        Duration maxBackoff();
    }
}

package io.parley.webhooks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outgoing webhooks: how deliveries are sent, retried, dead-lettered and how long their log is kept. */
@ConfigMapping(prefix = "parley.webhooks")
public interface WebhooksConfig {

    /** How long a delivery is retried (from its creation or its last manual replay) before it is dead-lettered. */
    @WithDefault("24h")
    Duration retryWindow();

    /** The delay before the first retry; each further retry doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("5s")
    Duration initialBackoff();

    /** The longest delay between two attempts (before jitter). */
    @WithDefault("1h")
    Duration maxBackoff();

    /** How long one attempt may take, connection and answer included; a slower receiver counts as failed. */
    @WithDefault("15s")
    Duration attemptTimeout();

    /**
     * After this many failed attempts in a row (any of its deliveries, no success between them), a subscription is
     * disabled and {@code io.parley.webhook.subscription-disabled} is published. 0 never disables.
     */
    @WithDefault("100")
    int disableAfterFailures();

    /** How long the previous secret still signs deliveries after a rotation, beside the new one. */
    @WithDefault("24h")
    Duration secretOverlap();

    /** How often due deliveries are looked for besides the commit notifications (scheduler syntax). */
    @WithDefault("1s")
    String sweepInterval();

    /** The most deliveries one instance has in flight at a time. */
    @WithDefault("64")
    int maxInFlight();

    /** How long delivered and dead deliveries stay in the log before they are removed. */
    @WithDefault("7d")
    Duration logRetention();
}

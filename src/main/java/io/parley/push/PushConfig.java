package io.parley.push;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator push API: tickets, retention of missed events, presence. */
@ConfigMapping(prefix = "parley.push")
public interface PushConfig {

    /** How long a WebSocket ticket may be used (once) after it was issued. */
    @WithDefault("30s")
    Duration ticketTtl();

    /** How long an operator's events are kept for replay after a reconnect; older ones mean a {@code resync}. */
    @WithDefault("24h")
    Duration retention();

    /** How many of the customer's latest messages an offer carries. */
    @WithDefault("10")
    int offerHistory();

    /** How often connected operators are marked present (and silent connections closed). */
    @WithDefault("5s")
    String presenceInterval();

    /**
     * How long an operator may have no live connection (no frame, no heartbeat) before they are set OFFLINE and their
     * pending offers go back to routing.
     */
    @WithDefault("30s")
    Duration presenceGrace();
}

package io.parley.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits that keep one careless or hostile client from holding resources or flooding the contact centre. */
@ConfigMapping(prefix = "parley.abuse")
public interface AbuseConfig {

    /** A WebSocket (visitor or operator) that has not authenticated within this time after opening is closed (1008). */
    @WithDefault("10s")
    Duration socketAuthTimeout();

    /** A request whose body has not fully arrived this long after its headers has its connection closed. */
    @WithDefault("60s")
    Duration bodyTimeout();

    /**
     * New visitors (chats started without a token to resume) one client address may start per minute on one in-app
     * channel; an in-app channel's {@code config.visitorsPerMinute} overrides it.
     */
    @WithDefault("20")
    int visitorsPerAddress();

    /** New visitors one in-app channel accepts per minute from all addresses together. */
    @WithDefault("600")
    int visitorsPerChannel();

    /**
     * Messages one client address may send per minute on one in-app channel; an in-app channel's
     * {@code config.messagesPerMinute} overrides it.
     */
    @WithDefault("120")
    int messagesPerAddress();
}

package io.parley.conversation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sessions and the conversation pipeline. */
@ConfigMapping(prefix = "parley.conversation")
public interface ConversationConfig {

    /** An open session without a message in either direction for this long is closed. */
    @WithDefault("2h")
    Duration inactivityTimeout();

    /** A customer who writes again within this time after a session closed reopens it instead of a new one. */
    @WithDefault("24h")
    Duration reopenWindow();

    /**
     * Subject threading: a customer's message whose topic (email: the normalised subject) equals that of their
     * message on the same channel at most this long ago continues that message's conversation, when it references no
     * stored message.
     */
    @WithDefault("7d")
    Duration topicWindow();

    /** How often idle sessions are looked for (scheduler syntax). */
    @WithDefault("30s")
    String inactivitySweep();

    /**
     * Consumers of {@code parley.inbound} per instance; each processes its batches with the chats in parallel and
     * every chat in order.
     */
    @WithDefault("2")
    int consumers();
}

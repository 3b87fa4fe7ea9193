package io.parley.conversation;

import java.time.Duration;
import java.util.List;

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

    /**
     * The resolution codes an operator picks from when closing a conversation (the wrap-up, with its category);
     * {@code GET /api/wrap-up} lists them.
     */
    @WithDefault("resolved,answered,escalated,callback,no-reply-needed,duplicate")
    List<String> wrapUpResolutions();

    /** How often idle sessions are looked for (scheduler syntax). */
    @WithDefault("30s")
    String inactivitySweep();

    /**
     * Consumers of {@code parley.inbound} per instance; each processes its batches with the chats in parallel and
     * every chat in order.
     */
    @WithDefault("2")
    int consumers();

    /** How the pipeline treats a record that fails, so that no record can hold a partition past Kafka's limits. */
    Pipeline pipeline();

    /**
     * A record whose failure will recur (a value PostgreSQL refuses, a violated constraint) is parked at once; one
     * that may pass later (the database unreachable, a lock conflict) is retried within {@link #recordBudget()}, then
     * redelivered through {@code parley.inbound-retry} up to {@link #maxRedeliveries()} times, then parked. Parked
     * records go to {@code parley.dead-letter} with their reason in the headers, as an
     * {@code io.parley.inbound.parked} event and in the {@code parley_inbound_parked_total} metric.
     */
    interface Pipeline {

        /** How long one record is retried (with back-off from 100 ms to 2 s) before it is redelivered later. */
        @WithDefault("10s")
        Duration recordBudget();

        /**
         * How long one batch may take: a record not yet started when it is over waits for redelivery instead. Keep it
         * well below the consumer's {@code throttled.unprocessed-record-max-age.ms} (120 s here).
         */
        @WithDefault("30s")
        Duration batchBudget();

        /** How long a record waits in {@code parley.inbound-retry} before it is tried again. */
        @WithDefault("15s")
        Duration redeliveryDelay();

        /** Redeliveries of a record that keeps failing before it is parked. */
        @WithDefault("5")
        int maxRedeliveries();
    }
}

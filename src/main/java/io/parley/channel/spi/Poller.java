package io.parley.channel.spi;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * A channel the runtime polls (Telegram getUpdates, VK Long Poll, IMAP). The runtime stores the cursor only after the
 * events of a batch are durably in Kafka, so a crash re-polls from the last stored cursor.
 */
public interface Poller extends ChannelAdapter {

    /** Fetches events after {@code cursor} ({@code null} at first); may wait (long polling) but must not block. */
    Uni<Batch> poll(String cursor);

    /**
     * Events and the cursor to continue from.
     *
     * @param unusable why each update of the batch that could not be read was dropped (see {@link Unusable}); the
     *        runtime logs and counts them, and the cursor moves past them
     */
    record Batch(List<InboundEvent> events, String nextCursor, List<String> unusable) {

        public Batch {
            events = List.copyOf(events);
            unusable = List.copyOf(unusable);
        }

        public Batch(List<InboundEvent> events, String nextCursor) {
            this(events, nextCursor, List.of());
        }
    }
}

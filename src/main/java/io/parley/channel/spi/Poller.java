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

    /** Events and the cursor to continue from. */
    record Batch(List<InboundEvent> events, String nextCursor) {

        public Batch {
            events = List.copyOf(events);
        }
    }
}

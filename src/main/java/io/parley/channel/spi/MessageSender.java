package io.parley.channel.spi;

import io.smallrye.mutiny.Uni;

/** A channel that can send messages to customers. */
public interface MessageSender extends ChannelAdapter {

    /**
     * Sends one message. Fails with a {@link ChannelException}; the runtime retries, waits, dead-letters or disables
     * the channel according to its {@link ChannelFailure}.
     */
    Uni<SendResult> send(OutboundMessage message);
}

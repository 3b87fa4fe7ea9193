package io.parley.channel.spi;

import io.smallrye.mutiny.Uni;

/** A channel that can show the customer that an operator is typing. Best effort: failures are ignored. */
public interface TypingSender extends ChannelAdapter {

    Uni<Void> typing(String externalChatId);
}

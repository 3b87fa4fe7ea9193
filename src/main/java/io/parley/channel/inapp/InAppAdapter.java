package io.parley.channel.inapp;

import java.time.Instant;

import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.TypingSender;
import io.smallrye.mutiny.Uni;

/**
 * The in-app chat as a channel: replies and typing go to the visitor's WebSocket through {@link VisitorBroadcast}; a
 * message is "sent" once it is durably on the broadcast topic, and "delivered" when the widget confirms it.
 */
class InAppAdapter implements MessageSender, TypingSender {

    static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(10_000, 10, 25L * 1024 * 1024, false,
            false, 200);

    private final ChannelContext context;
    private final InAppConfig config;
    private final VisitorBroadcast broadcast;

    InAppAdapter(ChannelContext context, InAppConfig config, VisitorBroadcast broadcast) {
        this.context = context;
        this.config = config;
        this.broadcast = broadcast;
    }

    InAppConfig config() {
        return config;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<SendResult> send(OutboundMessage message) {
        Instant now = context.clock().instant();
        return broadcast.publish(VisitorEvent.message(context.channelId(), message.externalChatId(),
                message.messageId(), message.text(), message.attachments(), now))
                .replaceWith(new SendResult(message.messageId()));
    }

    @Override
    public Uni<Void> typing(String externalChatId) {
        return broadcast.publish(VisitorEvent.typing(context.channelId(), externalChatId, context.clock().instant()));
    }
}

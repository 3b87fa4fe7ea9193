package io.parley.channel.inapp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.Sender;
import io.parley.channel.spi.TypingSender;
import io.parley.channel.spi.VerifiedIdentifier;
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

    /**
     * Translates a visitor's message into the normalized event; the external message id is
     * {@code visitorId/clientMessageId}, so a retried send is the same message.
     */
    InboundEvent.MessageReceived received(VisitorTokens.Visitor visitor, String clientMessageId, String text,
            List<Attachment> attachments) {
        List<VerifiedIdentifier> verified = visitor.verified()
                ? List.of(new VerifiedIdentifier(VerifiedIdentifier.APP_USER,
                        visitor.visitorId().substring(VisitorTokens.USER_PREFIX.length())))
                : List.of();
        Sender sender = new Sender(visitor.visitorId(), null, null, null, null, verified);
        return new InboundEvent.MessageReceived(visitor.visitorId() + "/" + clientMessageId, visitor.visitorId(),
                sender, text, attachments, context.clock().instant(), Map.of());
    }

    /** Translates the widget's receipts into delivery status events. */
    List<InboundEvent> receipts(VisitorTokens.Visitor visitor, List<String> messageIds, DeliveryStatus status) {
        Instant now = context.clock().instant();
        return messageIds.stream().<InboundEvent> map(
                id -> new InboundEvent.DeliveryStatusChanged(id, visitor.visitorId(), status, now)).toList();
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

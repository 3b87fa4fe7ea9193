package io.parley.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.DeliveryOutcomes;
import io.parley.channel.runtime.OutboundCommand;
import io.parley.channel.spi.DeliveryStatus;
import io.smallrye.mutiny.Uni;

/**
 * Stores what happened to outbound messages and emits the matching events. A send refused because the customer cannot
 * be reached (blocked the bot) marks their identity unreachable; a later successful send clears it.
 */
@ApplicationScoped
class DeliveryRecorder implements DeliveryOutcomes {

    private final ConversationEvents events;

    DeliveryRecorder(ConversationEvents events) {
        this.events = events;
    }

    @Override
    public Uni<Void> sent(OutboundCommand command, String externalMessageId) {
        return MessageEntity.<MessageEntity> findById(command.messageId()).chain(message -> {
            message.externalId = externalMessageId;
            if (!InboundUpdates.advances(message.deliveryStatus, DeliveryStatus.SENT)) {
                return Uni.createFrom().voidItem();
            }
            message.deliveryStatus = DeliveryStatus.SENT;
            message.failureReason = null;
            Uni<Void> reachable = message.identityId == null ? Uni.createFrom().voidItem()
                    : IdentityEntity.update("unreachable = false where id = ?1 and unreachable = true",
                            message.identityId).replaceWithVoid();
            return reachable.chain(() -> events.message(ConversationEvents.MESSAGE_SENT, message, null));
        });
    }

    @Override
    public Uni<Void> failed(OutboundCommand command, String reason, boolean contactUnreachable) {
        return MessageEntity.<MessageEntity> findById(command.messageId()).chain(message -> {
            message.deliveryStatus = DeliveryStatus.FAILED;
            message.failureReason = reason;
            Uni<Void> mark = !contactUnreachable || message.identityId == null ? Uni.createFrom().voidItem()
                    : IdentityEntity.<IdentityEntity> findById(message.identityId)
                            .invoke(identity -> identity.unreachable = true).replaceWithVoid();
            return mark.chain(() -> events.message(ConversationEvents.MESSAGE_FAILED, message, reason));
        });
    }

    @Override
    public Uni<Void> retrying(OutboundCommand command) {
        return MessageEntity.<MessageEntity> findById(command.messageId()).invoke(message -> {
            message.deliveryStatus = DeliveryStatus.PENDING;
            message.failureReason = null;
        }).replaceWithVoid();
    }
}

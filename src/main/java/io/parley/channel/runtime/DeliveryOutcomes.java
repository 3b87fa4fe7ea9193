package io.parley.channel.runtime;

import io.smallrye.mutiny.Uni;

/**
 * Where the outbound dispatcher reports what happened to a message; implemented by the conversation feature. Each
 * method runs inside the dispatcher's transaction.
 */
public interface DeliveryOutcomes {

    /** The provider accepted the message and gave it {@code externalMessageId}. */
    Uni<Void> sent(OutboundCommand command, String externalMessageId);

    /** The message was given up on; {@code contactUnreachable} marks the customer's identity as unreachable. */
    Uni<Void> failed(OutboundCommand command, String reason, boolean contactUnreachable);

    /** A dead-lettered message is being sent again. */
    Uni<Void> retrying(OutboundCommand command);
}

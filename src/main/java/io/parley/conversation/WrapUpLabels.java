package io.parley.conversation;

import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Takes a wrap-up's category as the conversation's confirmed category (classification implements it: the category
 * becomes a training label), so that closing needs no dependency on classification.
 */
public interface WrapUpLabels {

    /** Records {@code category} as the session's category, as if {@code who} corrected it. */
    Uni<Void> label(UUID sessionId, String category, SecurityIdentity who);
}

package io.parley.conversation;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Closes sessions and announces it; see {@link SessionState}. Opening, continuing and reopening happen as messages are
 * stored ({@link InboundStore}).
 */
@ApplicationScoped
class SessionService {

    private final ConversationEvents events;

    SessionService(ConversationEvents events) {
        this.events = events;
    }

    /** Closes a session (operator, supervisor or inactivity) and emits {@code session.closed}. */
    Uni<SessionEntity> close(SessionEntity session, String reason, OffsetDateTime now) {
        session.state = SessionState.CLOSED;
        session.closedAt = now;
        session.closeReason = reason;
        return events.session(ConversationEvents.SESSION_CLOSED, session, reason).replaceWith(session);
    }
}

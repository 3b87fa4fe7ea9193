package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Finds the customer's active session, reopens a recent one, or opens a new one; see {@link SessionState}. */
@ApplicationScoped
class SessionService {

    private final ConversationEvents events;
    private final ConversationConfig config;

    SessionService(ConversationEvents events, ConversationConfig config) {
        this.events = events;
        this.config = config;
    }

    /** The open session for a customer message arriving through {@code channelId}/{@code chatId}. */
    Uni<SessionEntity> attach(UUID customerId, UUID channelId, String chatId, OffsetDateTime now) {
        return SessionEntity.<SessionEntity> find("customerId = ?1 and state = ?2", customerId, SessionState.OPEN)
                .firstResult()
                .chain(open -> {
                    if (open != null) {
                        touch(open, channelId, chatId, now);
                        return Uni.createFrom().item(open);
                    }
                    return SessionEntity.<SessionEntity> find(
                            "customerId = ?1 and state = ?2 order by closedAt desc", customerId, SessionState.CLOSED)
                            .firstResult()
                            .chain(last -> last != null && last.closedAt.isAfter(now.minus(config.reopenWindow()))
                                    ? reopen(last, channelId, chatId, now)
                                    : open(customerId, channelId, chatId, now));
                });
    }

    private Uni<SessionEntity> reopen(SessionEntity session, UUID channelId, String chatId, OffsetDateTime now) {
        session.state = SessionState.OPEN;
        session.closedAt = null;
        session.closeReason = null;
        session.reopenCount++;
        touch(session, channelId, chatId, now);
        return events.session(ConversationEvents.SESSION_REOPENED, session, null).replaceWith(session);
    }

    private Uni<SessionEntity> open(UUID customerId, UUID channelId, String chatId, OffsetDateTime now) {
        SessionEntity session = new SessionEntity();
        session.id = UUID.randomUUID();
        session.customerId = customerId;
        session.state = SessionState.OPEN;
        session.openedAt = now;
        touch(session, channelId, chatId, now);
        return session.<SessionEntity> persist()
                .call(() -> events.session(ConversationEvents.SESSION_OPENED, session, null));
    }

    private static void touch(SessionEntity session, UUID channelId, String chatId, OffsetDateTime now) {
        session.lastChannelId = channelId;
        session.lastChatId = chatId;
        session.lastActivityAt = now;
    }

    /** Closes a session (operator, supervisor or inactivity) and emits {@code session.closed}. */
    Uni<SessionEntity> close(SessionEntity session, String reason, OffsetDateTime now) {
        session.state = SessionState.CLOSED;
        session.closedAt = now;
        session.closeReason = reason;
        return events.session(ConversationEvents.SESSION_CLOSED, session, reason).replaceWith(session);
    }
}

package io.parley.conversation;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Closes and assigns sessions, keeping routing in step (a closed session frees its operator's capacity and withdraws
 * pending offers, and consulted colleagues lose access); see {@link SessionState}. Opening, continuing and reopening happen as
 * messages are stored
 * ({@link InboundStore}), which also hands new and reopened sessions to routing.
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
        return Panache.getSession().chain(db -> db
                .createNativeQuery("UPDATE routing_tasks SET state = 'DONE', updated_at = ?2 WHERE session_id = ?1")
                .setParameter(1, session.id).setParameter(2, now).executeUpdate()
                .chain(() -> db.createNativeQuery("UPDATE offers SET state = 'RESCINDED', decided_at = ?2"
                        + " WHERE session_id = ?1 AND state = 'PENDING'")
                        .setParameter(1, session.id).setParameter(2, now).executeUpdate())
                .chain(() -> db.createNativeQuery("DELETE FROM session_consults WHERE session_id = ?1")
                        .setParameter(1, session.id).executeUpdate())
                .chain(() -> session.assignee == null ? Uni.createFrom().item(0)
                        : db.createNativeQuery(
                                "INSERT INTO operator_routing (subject, idle_since) VALUES (?1, ?2) ON CONFLICT (subject)"
                                        + " DO UPDATE SET idle_since = EXCLUDED.idle_since")
                                .setParameter(1, session.assignee).setParameter(2, now).executeUpdate()))
                .chain(() -> events.session(ConversationEvents.SESSION_CLOSED, session, reason))
                .replaceWith(session);
    }

    /** Gives a session to an operator by hand: routing treats it as assigned, and pending offers are withdrawn. */
    Uni<Void> assign(SessionEntity session, String operator, OffsetDateTime now) {
        session.assignee = operator;
        return Panache.getSession().chain(db -> db
                .createNativeQuery("UPDATE offers SET state = 'RESCINDED', decided_at = ?2"
                        + " WHERE session_id = ?1 AND state = 'PENDING'")
                .setParameter(1, session.id).setParameter(2, now).executeUpdate()
                .chain(() -> db.createNativeQuery("UPDATE routing_tasks SET state = 'ASSIGNED', assignee = ?2,"
                        + " updated_at = ?3 WHERE session_id = ?1")
                        .setParameter(1, session.id).setParameter(2, operator).setParameter(3, now)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}

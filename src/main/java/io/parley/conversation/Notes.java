package io.parley.conversation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.events.EventPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Internal notes: written by whoever may read the session (its holder, a consulted colleague, a supervisor), shown to
 * operators and supervisors beside the customer's timeline, never sent to the customer. Each is evented as
 * {@code io.parley.note.added} without its text, which stays in Parley.
 */
@ApplicationScoped
class Notes {

    static final String NOTE_ADDED = "io.parley.note.added";

    /** One note. */
    record NoteView(UUID id, UUID sessionId, String author, String text, OffsetDateTime createdAt) {
    }

    /** The event's data. */
    record NoteAdded(UUID noteId, UUID sessionId, UUID customerId, String author) {
    }

    private final SessionAccess access;
    private final EventPublisher events;

    Notes(SessionAccess access, EventPublisher events) {
        this.access = access;
        this.events = events;
    }

    Uni<NoteView> add(UUID sessionId, String text, SecurityIdentity who) {
        NoteView note = new NoteView(UUID.randomUUID(), sessionId, who.getPrincipal().getName(), text,
                OffsetDateTime.now(ZoneOffset.UTC));
        return Panache.withTransaction(() -> access.reader(sessionId, who).chain(session -> Panache.getSession()
                .chain(db -> db.createNativeQuery("INSERT INTO session_notes (id, session_id, customer_id, author,"
                        + " text, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, note.id())
                        .setParameter(2, sessionId).setParameter(3, session.customerId).setParameter(4, note.author())
                        .setParameter(5, text).setParameter(6, note.createdAt()).executeUpdate())
                .chain(() -> events.publish(NOTE_ADDED, sessionId.toString(), session.customerId.toString(),
                        new NoteAdded(note.id(), sessionId, session.customerId, note.author())))))
                .replaceWith(note);
    }

    /** The customer's notes of all sessions, newest first. */
    Uni<List<NoteView>> ofCustomer(UUID customerId, int limit, SecurityIdentity who) {
        return Panache.withSession(() -> access.customer(customerId, who).chain(() -> Panache.getSession()
                .chain(db -> db.createNativeQuery("SELECT id, session_id, author, text, created_at FROM session_notes"
                        + " WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT ?2", Object[].class)
                        .setParameter(1, customerId).setParameter(2, limit).getResultList())))
                .map(rows -> rows.stream().map(r -> new NoteView((UUID) r[0], (UUID) r[1], (String) r[2],
                        (String) r[3], toOffset(r[4]))).toList());
    }

    private static OffsetDateTime toOffset(Object value) {
        return value instanceof OffsetDateTime time ? time
                : ((Instant) value).atOffset(ZoneOffset.UTC);
    }
}

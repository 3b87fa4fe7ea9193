package io.parley.conversation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who may see and act on a session: supervisors always; an operator on a session assigned or currently offered to
 * them, and then also on that customer's history. A colleague consulted on a session ({@link ConsultResource}) may read
 * it and the customer's history and write notes, but not reply, transfer or close.
 */
@ApplicationScoped
class SessionAccess {

    private static final String OFFERED = "SELECT count(*) FROM offers WHERE session_id = ?1 AND operator = ?2"
            + " AND state = 'PENDING'";
    private static final String OFFERED_OR_CONSULTED = "SELECT (" + OFFERED + ") + (SELECT count(*)"
            + " FROM session_consults WHERE session_id = ?1 AND operator = ?2)";

    Uni<SessionEntity> session(UUID id, SecurityIdentity who) {
        return allowed(id, who, OFFERED);
    }

    /** The session for reading and notes: also for an operator consulted on it. */
    Uni<SessionEntity> reader(UUID id, SecurityIdentity who) {
        return allowed(id, who, OFFERED_OR_CONSULTED);
    }

    /** The session when {@code who} is a supervisor, its assignee, or counted by {@code otherwise} (?1 session, ?2 subject). */
    private static Uni<SessionEntity> allowed(UUID id, SecurityIdentity who, String otherwise) {
        String subject = who.getPrincipal().getName();
        return SessionEntity.<SessionEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Session " + id))
                .call(session -> who.hasRole(Roles.SUPERVISOR) || subject.equals(session.assignee)
                        ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(db -> db.createNativeQuery(otherwise, Long.class)
                                .setParameter(1, id).setParameter(2, subject).getSingleResult())
                                .invoke(count -> {
                                    if (count == 0) {
                                        throw forbidden();
                                    }
                                }));
    }

    Uni<Void> customer(UUID customerId, SecurityIdentity who) {
        if (who.hasRole(Roles.SUPERVISOR)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(db -> db.createNativeQuery("SELECT count(*) FROM sessions s WHERE"
                + " s.customer_id = ?1 AND (s.assignee = ?2 OR EXISTS (SELECT 1 FROM offers o WHERE o.session_id = s.id"
                + " AND o.operator = ?2 AND o.state = 'PENDING') OR EXISTS (SELECT 1 FROM session_consults sc"
                + " WHERE sc.session_id = s.id AND sc.operator = ?2))", Long.class)
                .setParameter(1, customerId).setParameter(2, who.getPrincipal().getName()).getSingleResult())
                .invoke(count -> {
                    if (count == 0) {
                        throw forbidden();
                    }
                }).replaceWithVoid();
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of(403, "Forbidden", "This conversation is not assigned to you"));
    }
}

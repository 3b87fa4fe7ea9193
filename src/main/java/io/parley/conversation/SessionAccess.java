package io.parley.conversation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who may see and act on a session: supervisors always; an operator only on a session assigned to them (routing adds
 * sessions offered to them), and then also on that customer's history.
 */
@ApplicationScoped
class SessionAccess {

    Uni<SessionEntity> session(UUID id, SecurityIdentity who) {
        return SessionEntity.<SessionEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Session " + id))
                .invoke(session -> {
                    if (!who.hasRole(Roles.SUPERVISOR) && !who.getPrincipal().getName().equals(session.assignee)) {
                        throw forbidden();
                    }
                });
    }

    Uni<Void> customer(UUID customerId, SecurityIdentity who) {
        if (who.hasRole(Roles.SUPERVISOR)) {
            return Uni.createFrom().voidItem();
        }
        return SessionEntity.count("customerId = ?1 and assignee = ?2", customerId, who.getPrincipal().getName())
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

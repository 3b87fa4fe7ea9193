package io.parley.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.common.problem.ProblemException;
import io.parley.events.EventPublisher;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Consulting a colleague ("ask a colleague"): the holder (or a supervisor) asks another operator into a conversation
 * without handing it over. The colleague is told ({@code consult} on their push stream), may read the conversation and
 * the customer's history and answer in notes; the consult ends when either side ends it or the session is closed.
 */
@Path("/api/sessions/{id}/consults")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class ConsultResource {

    static final String CONSULTED = "io.parley.session.consulted";

    /** Whom to ask. */
    record ConsultRequest(@NotBlank @Size(max = 200) String operator) {
    }

    /** The event's data (also the answer). */
    record Consulted(UUID sessionId, UUID customerId, String operator, String requestedBy) {
    }

    private final SessionAccess access;
    private final EventPublisher events;
    private final SecurityIdentity identity;

    ConsultResource(SessionAccess access, EventPublisher events, SecurityIdentity identity) {
        this.access = access;
        this.events = events;
        this.identity = identity;
    }

    @POST
    @ResponseStatus(201)
    public Uni<Consulted> ask(UUID id, @Valid @NotNull ConsultRequest request) {
        String me = identity.getPrincipal().getName();
        if (request.operator().equals(me)) {
            throw ProblemException.invalidField("operator", "ask someone else");
        }
        return Panache.withTransaction(() -> access.session(id, identity).chain(session -> {
            if (session.state != SessionState.OPEN) {
                throw ProblemException.conflict("Session " + id + " is closed");
            }
            Consulted consulted = new Consulted(id, session.customerId, request.operator(), me);
            return Panache.getSession().chain(db -> db.createNativeQuery("SELECT count(*) FROM operators"
                    + " WHERE subject = ?1", Long.class).setParameter(1, request.operator()).getSingleResult()
                    .invoke(count -> {
                        if (count == 0) {
                            throw ProblemException.invalidField("operator", "no such operator");
                        }
                    })
                    .chain(() -> db.createNativeQuery("INSERT INTO session_consults (session_id, operator,"
                            + " requested_by, requested_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                            .setParameter(1, id).setParameter(2, request.operator()).setParameter(3, me)
                            .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate()))
                    .chain(() -> events.publish(CONSULTED, id.toString(), session.customerId.toString(), consulted))
                    .replaceWith(consulted);
        }));
    }

    /** The colleagues consulted on the session. */
    @GET
    public Uni<List<String>> list(UUID id) {
        return Panache.withSession(() -> access.reader(id, identity).chain(session -> Panache.getSession()
                .chain(db -> db.createNativeQuery("SELECT operator FROM session_consults WHERE session_id = ?1"
                        + " ORDER BY requested_at", String.class).setParameter(1, id).getResultList())));
    }

    /** Ends a consult: the consulted colleague, the holder or a supervisor. */
    @DELETE
    @Path("/{operator}")
    @ResponseStatus(204)
    public Uni<Void> end(UUID id, String operator) {
        boolean self = operator.equals(identity.getPrincipal().getName());
        return Panache.withTransaction(
                () -> (self ? access.reader(id, identity) : access.session(id, identity)).chain(session -> Panache.getSession()
                        .chain(db -> db
                                .createNativeQuery("DELETE FROM session_consults WHERE session_id = ?1 AND operator = ?2")
                                .setParameter(1, id).setParameter(2, operator).executeUpdate())))
                .replaceWithVoid();
    }
}

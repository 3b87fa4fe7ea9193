package io.parley.conversation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.jboss.resteasy.reactive.RestResponse;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A message's HTML body (email) as the customer sent it, never rewritten. Served as its own document under a
 * Content-Security-Policy that loads nothing and runs nothing ({@code default-src 'none'; sandbox}: no scripts, no
 * forms, no remote images or tracking pixels, a unique origin), so opening it cannot touch the console. Operators see
 * it for customers whose conversation they hold, like the timeline.
 */
@Path("/api/messages/{id}/html")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class MessageHtmlResource {

    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    private final SessionAccess access;
    private final SecurityIdentity identity;

    MessageHtmlResource(SessionAccess access, SecurityIdentity identity) {
        this.access = access;
        this.identity = identity;
    }

    @GET
    @Produces("text/html")
    public Uni<RestResponse<String>> html(UUID id) {
        return Panache.withSession(() -> MessageEntity.<MessageEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Message " + id))
                .call(message -> access.customer(message.customerId, identity))
                .chain(message -> Panache.getSession().chain(db -> db.createNativeQuery(
                        "SELECT html FROM message_html WHERE message_id = ?1", String.class).setParameter(1, id)
                        .getResultList())))
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("HTML body of message " + id);
                    }
                    return RestResponse.ResponseBuilder.ok(found.get(0), "text/html; charset=UTF-8")
                            .header("Content-Security-Policy", POLICY)
                            .header("X-Content-Type-Options", "nosniff")
                            .header("Referrer-Policy", "no-referrer")
                            .header("Cache-Control", "private, no-store")
                            .build();
                });
    }
}

package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** An operator's offers over REST: what is offered to them now, and accepting or declining one. */
@Path("/api/offers")
@RolesAllowed(Roles.OPERATOR)
class OfferResource {

    /** A pending offer. */
    record OfferView(UUID id, UUID sessionId, String queue, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    private final Pool pool;
    private final OfferDecisions decisions;
    private final SecurityIdentity identity;

    OfferResource(Pool pool, OfferDecisions decisions, SecurityIdentity identity) {
        this.pool = pool;
        this.decisions = decisions;
        this.identity = identity;
    }

    @GET
    public Uni<List<OfferView>> mine() {
        return pool.preparedQuery("SELECT id, session_id, queue, created_at, expires_at FROM offers"
                + " WHERE operator = $1 AND state = 'PENDING' ORDER BY created_at")
                .execute(Tuple.of(identity.getPrincipal().getName()))
                .map(rows -> {
                    List<OfferView> views = new ArrayList<>();
                    rows.forEach(r -> views.add(new OfferView(r.getUUID("id"), r.getUUID("session_id"),
                            r.getString("queue"), r.getOffsetDateTime("created_at"),
                            r.getOffsetDateTime("expires_at"))));
                    return views;
                });
    }

    /** Accepts a pending, unexpired offer made to the caller: the conversation is theirs. */
    @POST
    @Path("/{id}/accept")
    public Uni<Void> accept(UUID id) {
        return decide(id, true);
    }

    /** Declines it: the conversation goes to the next candidate. */
    @POST
    @Path("/{id}/decline")
    public Uni<Void> decline(UUID id) {
        return decide(id, false);
    }

    private Uni<Void> decide(UUID id, boolean accept) {
        return decisions.decide(id, identity.getPrincipal().getName(), accept);
    }
}

package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Why a conversation went where it went: every stored routing decision of a session, oldest first. */
@Path("/api/sessions/{id}/routing")
@RolesAllowed(Roles.SUPERVISOR)
class RoutingExplanationResource {

    /** A stored decision: what triggered it and the decision with its candidates and reasons. */
    record Explanation(OffsetDateTime at, String trigger, JsonObject decision) {
    }

    private final Pool pool;

    RoutingExplanationResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<Explanation>> explanations(UUID id) {
        return pool.preparedQuery("SELECT at, trigger, decision FROM routing_decisions WHERE session_id = $1"
                + " ORDER BY id").execute(Tuple.of(id))
                .map(rows -> {
                    List<Explanation> explanations = new ArrayList<>();
                    rows.forEach(r -> explanations.add(new Explanation(r.getOffsetDateTime("at"),
                            r.getString("trigger"), (JsonObject) r.getValue("decision"))));
                    return explanations;
                });
    }
}

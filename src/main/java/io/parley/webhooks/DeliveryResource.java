package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;

/** A subscription's delivery log and manual replays. */
@Path("/api/webhooks/subscriptions/{subscription}")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATOR })
class DeliveryResource {

    private static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "DEAD");

    private final DeliveryLog log;

    DeliveryResource(DeliveryLog log) {
        this.log = log;
    }

    /** Newest first; page with {@code before} = the last one's {@code createdAt}. */
    @GET
    @Path("/deliveries")
    public Uni<List<DeliveryView>> list(UUID subscription, @QueryParam("state") String state,
            @QueryParam("before") OffsetDateTime before, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField("state", "PENDING, DELIVERED or DEAD");
        }
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalidField("limit", "1 to 500");
        }
        return log.list(subscription, state, before, limit);
    }

    /** One delivery with every attempt. */
    @GET
    @Path("/deliveries/{delivery}")
    public Uni<DeliveryView> get(UUID subscription, UUID delivery) {
        return log.get(subscription, delivery);
    }

    @POST
    @Path("/deliveries/{delivery}/replay")
    public Uni<RestResponse<DeliveryView>> replay(UUID subscription, UUID delivery) {
        return log.replay(subscription, delivery).map(view -> RestResponse.status(RestResponse.Status.ACCEPTED, view));
    }

    @POST
    @Path("/replay")
    public Uni<RestResponse<Map<String, Integer>>> replayRange(UUID subscription, @Valid @NotNull ReplayRequest request) {
        return log.replay(subscription, request)
                .map(count -> RestResponse.status(RestResponse.Status.ACCEPTED, Map.of("replayed", count)));
    }
}

package io.parley.webhooks;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Outgoing webhook subscriptions (docs/webhooks.md): integrators and administrators manage them. */
@Path("/api/webhooks/subscriptions")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATOR })
class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final SecurityIdentity identity;

    SubscriptionResource(SubscriptionService subscriptions, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.identity = identity;
    }

    @POST
    public Uni<RestResponse<SubscriptionView>> create(@Valid @NotNull SubscriptionRequest request) {
        return subscriptions.create(request, actor()).map(view -> RestResponse.status(RestResponse.Status.CREATED,
                view));
    }

    @GET
    public Uni<List<SubscriptionView>> list() {
        return subscriptions.list();
    }

    @GET
    @Path("/{id}")
    public Uni<SubscriptionView> get(UUID id) {
        return subscriptions.get(id);
    }

    /** Replaces URL, types, filter and description; {@code enabled: true} re-enables a disabled subscription. */
    @PUT
    @Path("/{id}")
    public Uni<SubscriptionView> replace(UUID id, @Valid @NotNull SubscriptionRequest request) {
        return subscriptions.replace(id, request, actor());
    }

    /** Rotates the signing secret: the previous one keeps signing beside it for {@code secret-overlap}. */
    @POST
    @Path("/{id}/secrets")
    public Uni<SubscriptionView> rotate(UUID id, @Valid @NotNull SecretRequest request) {
        return subscriptions.rotate(id, request.secret(), actor());
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(UUID id) {
        return subscriptions.delete(id, actor()).map(ignored -> RestResponse.noContent());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}

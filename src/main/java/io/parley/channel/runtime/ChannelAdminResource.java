package io.parley.channel.runtime;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Channel instances are data: administrators (and integrators, for their webhook channels) manage them here. */
@Path("/api/admin/channels")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATOR })
class ChannelAdminResource {

    private final ChannelService channels;
    private final ChannelRegistry registry;
    private final SecurityIdentity identity;

    ChannelAdminResource(ChannelService channels, ChannelRegistry registry, SecurityIdentity identity) {
        this.channels = channels;
        this.registry = registry;
        this.identity = identity;
    }

    @GET
    @Path("/types")
    public Set<String> types() {
        return registry.types();
    }

    @POST
    @ResponseStatus(201)
    public Uni<ChannelView> create(@Valid @NotNull ChannelRequest request) {
        return channels.create(request, actor());
    }

    @GET
    public Uni<List<ChannelView>> list() {
        return channels.list(actor());
    }

    @GET
    @Path("/{id}")
    public Uni<ChannelView> get(UUID id) {
        return channels.get(id, actor());
    }

    @PUT
    @Path("/{id}")
    public Uni<ChannelView> update(UUID id, @Valid @NotNull ChannelUpdate update) {
        return channels.update(id, update, actor());
    }

    @POST
    @Path("/{id}/disable")
    public Uni<ChannelView> disable(UUID id, @QueryParam("reason") String reason) {
        return channels.setEnabled(id, false, reason == null ? "disabled by " + identity.getPrincipal().getName()
                : reason, actor());
    }

    @POST
    @Path("/{id}/enable")
    public Uni<ChannelView> enable(UUID id) {
        return channels.setEnabled(id, true, null, actor());
    }

    private ChannelService.Actor actor() {
        return new ChannelService.Actor(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
    }
}

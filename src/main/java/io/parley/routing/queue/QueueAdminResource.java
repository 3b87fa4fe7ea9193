package io.parley.routing.queue;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Queues are data: administrators define them; supervisors may read them. */
@Path("/api/admin/queues")
@RolesAllowed(Roles.ADMIN)
class QueueAdminResource {

    private final QueueService queues;
    private final SecurityIdentity identity;

    QueueAdminResource(QueueService queues, SecurityIdentity identity) {
        this.queues = queues;
        this.identity = identity;
    }

    /** Creates (201) or replaces (200) a queue; an invalid target expression is refused with its error position. */
    @PUT
    @Path("/{id}")
    public Uni<RestResponse<QueueView>> put(String id, @Valid @NotNull QueueDefinition definition) {
        return queues.put(id, definition, identity.getPrincipal().getName())
                .map(result -> RestResponse.status(result.getKey() ? RestResponse.Status.CREATED
                        : RestResponse.Status.OK, result.getValue()));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<List<QueueView>> list() {
        return queues.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<QueueView> get(String id) {
        return queues.get(id);
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(String id) {
        return queues.delete(id, identity.getPrincipal().getName()).map(ignored -> RestResponse.noContent());
    }
}

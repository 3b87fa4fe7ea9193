package io.parley.privacy;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** A customer's data export and erasure, for administrators answering a data subject's request. */
@Path("/api/admin/customers/{id}")
@RolesAllowed(Roles.ADMIN)
class CustomerDataResource {

    /** Why the data is erased (kept in the audit log and the event). */
    record Erasure(@NotBlank @Size(max = 500) String reason) {
    }

    private final CustomerData data;
    private final SecurityIdentity identity;

    CustomerDataResource(CustomerData data, SecurityIdentity identity) {
        this.data = data;
        this.identity = identity;
    }

    @GET
    @Path("/export")
    public Uni<JsonObject> export(UUID id) {
        return data.export(id);
    }

    @POST
    @Path("/erase")
    @ResponseStatus(204)
    public Uni<Void> erase(UUID id, @Valid @NotNull Erasure erasure) {
        return data.erase(id, identity.getPrincipal().getName(), erasure.reason());
    }
}

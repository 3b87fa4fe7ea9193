package io.parley.operator;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Operator profiles, keyed by the operator's token subject. Deleting a profile removes it (the operator goes OFFLINE
 * first); its status log stays.
 */
@Path("/api/admin/operators")
@RolesAllowed(Roles.ADMIN)
class OperatorAdminResource {

    private final OperatorService operators;
    private final SecurityIdentity identity;

    OperatorAdminResource(OperatorService operators, SecurityIdentity identity) {
        this.operators = operators;
        this.identity = identity;
    }

    /** Creates (201) or replaces (200) a profile; the status is kept on replace, a new operator is OFFLINE. */
    @PUT
    @Path("/{subject}")
    public Uni<RestResponse<OperatorView>> put(@Size(max = 200) String subject,
            @Valid @NotNull OperatorProfile profile) {
        return operators.put(subject, profile, identity.getPrincipal().getName())
                .map(saved -> RestResponse.status(
                        saved.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, saved.operator()));
    }

    @GET
    public Uni<List<OperatorView>> list() {
        return operators.list();
    }

    @GET
    @Path("/{subject}")
    public Uni<OperatorView> get(String subject) {
        return operators.get(subject);
    }

    @DELETE
    @Path("/{subject}")
    public Uni<Void> delete(String subject) {
        return operators.delete(subject, identity.getPrincipal().getName());
    }
}

package io.parley.operator;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Operators set their own status; supervisors override it and read the status log. */
@Path("/api/operators")
class OperatorStatusResource {

    private final OperatorService operators;
    private final SecurityIdentity identity;

    OperatorStatusResource(OperatorService operators, SecurityIdentity identity) {
        this.operators = operators;
        this.identity = identity;
    }

    /** The calling operator's profile and status. */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<OperatorView> me() {
        return operators.get(caller());
    }

    @PUT
    @Path("/me/status")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<OperatorView> setOwn(@Valid @NotNull StatusChange change) {
        return operators.changeStatus(caller(), change, caller());
    }

    /** A supervisor's override, logged with the supervisor as {@code changedBy}. */
    @PUT
    @Path("/{subject}/status")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<OperatorView> override(String subject, @Valid @NotNull StatusChange change) {
        return operators.changeStatus(subject, change, caller());
    }

    /** The newest status changes first. */
    @GET
    @Path("/{subject}/status-log")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<List<StatusLogView>> statusLog(String subject,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return operators.statusLog(subject, limit);
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }
}

package io.parley.routing.workflow;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The routing rules: the active version, saving a new one, its history, and rollback. */
@Path("/api/admin/workflow")
@RolesAllowed(Roles.ADMIN)
class WorkflowAdminResource {

    private final WorkflowService workflows;
    private final SecurityIdentity identity;

    WorkflowAdminResource(WorkflowService workflows, SecurityIdentity identity) {
        this.workflows = workflows;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<WorkflowService.WorkflowView> active() {
        return workflows.active();
    }

    /** Saves the rules as a new active version; invalid expressions or unknown queues are refused naming the field. */
    @PUT
    public Uni<WorkflowService.WorkflowView> save(@NotNull Workflow workflow) {
        return workflows.save(workflow, identity.getPrincipal().getName());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<List<WorkflowService.VersionView>> versions() {
        return workflows.versions();
    }

    @POST
    @Path("/versions/{version}/activate")
    public Uni<WorkflowService.WorkflowView> activate(int version) {
        return workflows.activate(version, identity.getPrincipal().getName());
    }
}

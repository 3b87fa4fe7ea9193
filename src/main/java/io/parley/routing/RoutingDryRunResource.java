package io.parley.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.parley.routing.core.Decision;
import io.parley.routing.core.RoutingCore;
import io.parley.routing.workflow.CompiledWorkflow;
import io.parley.routing.workflow.Workflow;
import io.parley.routing.workflow.WorkflowService;
import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * "What would happen if": runs the active rules (or a draft) for a sample conversation against the current queues and
 * operators and returns the decision with its explanation. Changes nothing.
 */
@Path("/api/admin/routing/dry-run")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
class RoutingDryRunResource {

    /**
     * @param conversation attributes by namespace, e.g. {@code {"conversation": {"channel": "vk"},
     *        "classification": {"category": "damage"}}}
     * @param channelKind {@code chat} (default) or {@code email}
     * @param step the ladder position, e.g. 1 for "after the first target timed out"
     * @param workflow a draft to try instead of the active rules
     */
    record DryRun(@NotNull Map<String, Object> conversation, @Pattern(regexp = "chat|email") String channelKind,
            @Min(0) int step, @Valid Workflow workflow) {
    }

    private final WorkflowService workflows;
    private final RoutingSnapshots snapshots;
    private final Pool pool;

    RoutingDryRunResource(WorkflowService workflows, RoutingSnapshots snapshots, Pool pool) {
        this.workflows = workflows;
        this.snapshots = snapshots;
        this.pool = pool;
    }

    @POST
    public Uni<Decision> dryRun(@Valid @NotNull DryRun request) {
        Instant now = Instant.now();
        Uni<CompiledWorkflow> rules = request.workflow() == null ? workflows.activeCompiled()
                : Uni.createFrom().item(() -> CompiledWorkflow.compile(0, request.workflow(), null));
        return rules.chain(workflow -> snapshots.queues(now).chain(queues -> snapshots.operators(pool)
                .map(operators -> RoutingCore.decide(workflow, request.conversation(),
                        request.channelKind() == null ? "chat" : request.channelKind(), request.step(), queues,
                        operators, Set.of(), null, now))));
    }
}

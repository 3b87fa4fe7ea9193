package io.parley.canned;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.conversation.TemplateVariables;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Canned replies: supervisors and admins manage them; operators search them, filled in for the session they answer
 * ({@code GET /api/canned-replies/for-session/{id}?q=word}).
 */
@Path("/api/canned-replies")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
class CannedReplyResource {

    private final CannedReplies replies;
    private final TemplateVariables variables;
    private final SecurityIdentity identity;

    CannedReplyResource(CannedReplies replies, TemplateVariables variables, SecurityIdentity identity) {
        this.replies = replies;
        this.variables = variables;
        this.identity = identity;
    }

    /** All (or those of one queue, global ones included) whose shortcut starts with or title contains {@code q}. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR })
    public Uni<List<CannedReply>> search(@QueryParam("q") @Size(max = 100) String q,
            @QueryParam("queue") @Size(max = 40) String queue) {
        return replies.search(q, queue);
    }

    /** Those offered for the session (its queue, its customer's language), with its values filled in. */
    @GET
    @Path("/for-session/{sessionId}")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
    public Uni<List<CannedReply.Rendered>> forSession(UUID sessionId, @QueryParam("q") @Size(max = 100) String q) {
        return variables.of(sessionId, identity).chain(values -> replies.forSession(sessionId, q)
                .map(found -> found.stream().map(r -> new CannedReply.Rendered(r.id(), r.shortcut(), r.title(),
                        Template.render(r.body(), values), r.queueId(), r.language())).toList()));
    }

    @POST
    @ResponseStatus(201)
    public Uni<CannedReply> create(@Valid @NotNull CannedReply.Definition definition) {
        return replies.create(definition, identity.getPrincipal().getName());
    }

    @PUT
    @Path("/{id}")
    public Uni<CannedReply> update(UUID id, @Valid @NotNull CannedReply.Definition definition) {
        return replies.update(id, definition, identity.getPrincipal().getName());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(UUID id) {
        return replies.delete(id);
    }
}

package io.parley.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.parley.common.audit.AuditLog;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A session's detail, replies, assignment and closing. */
@Path("/api/sessions/{id}")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class SessionResource {

    /** Assigns a session to an operator (token subject). */
    record Assignment(@NotBlank @Size(max = 200) String operator) {
    }

    private final SessionAccess access;
    private final SessionCommands commands;
    private final SessionService sessions;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    SessionResource(SessionAccess access, SessionCommands commands, SessionService sessions, AuditLog audit,
            SecurityIdentity identity) {
        this.access = access;
        this.commands = commands;
        this.sessions = sessions;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    public Uni<Views.SessionView> get(UUID id) {
        return Panache.withSession(() -> access.reader(id, identity).chain(session -> MessageEntity
                .<MessageEntity> list("sessionId", Sort.ascending("sentAt", "seq"), id)
                .map(messages -> Views.SessionView.of(session, messages))));
    }

    @POST
    @Path("/messages")
    public Uni<RestResponse<Views.MessageView>> reply(UUID id, @Valid @NotNull ReplyRequest request) {
        return commands.reply(id, request, identity).map(reply -> RestResponse.status(
                reply.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                Views.MessageView.of(reply.message())));
    }

    @POST
    @Path("/typing")
    @ResponseStatus(202)
    public Uni<Void> typing(UUID id) {
        return commands.typing(id, identity);
    }

    @PUT
    @Path("/assignee")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Views.SessionView> assign(UUID id, @Valid @NotNull Assignment assignment) {
        return Panache.withTransaction(() -> access.session(id, identity).chain(session -> {
            String previous = session.assignee;
            return sessions.assign(session, assignment.operator(), OffsetDateTime.now(ZoneOffset.UTC))
                    .chain(() -> audit.record(identity.getPrincipal().getName(), "session.assigned", id.toString(),
                            Map.of("operator", assignment.operator(), "previous", String.valueOf(previous))))
                    .replaceWith(Views.SessionView.of(session, List.of()));
        }));
    }

    /** Closes the session; the wrap-up body is optional. */
    @POST
    @Path("/close")
    public Uni<Views.SessionView> close(UUID id, @Valid WrapUp wrapUp) {
        return commands.close(id, wrapUp, identity).map(session -> Views.SessionView.of(session, List.of()));
    }
}

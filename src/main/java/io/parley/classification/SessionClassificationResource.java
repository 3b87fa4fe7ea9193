package io.parley.classification;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A session's classification: read it, correct its category (operators), mark or unmark spam (supervisors). */
@Path("/api/sessions/{id}/classification")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class SessionClassificationResource {

    /** The right category for the session. */
    record Correction(@NotNull @Pattern(regexp = "[\\p{L}\\p{N}_.-]{1,64}") String category) {
    }

    /** Whether the session is spam. */
    record SpamMark(@NotNull Boolean spam) {
    }

    private final SessionClassifications sessions;
    private final SecurityIdentity identity;

    SessionClassificationResource(SessionClassifications sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    public Uni<SessionClassifications.View> get(UUID id) {
        return sessions.view(id, identity);
    }

    @PUT
    @Path("/category")
    public Uni<SessionClassifications.View> correct(UUID id, @Valid @NotNull Correction correction) {
        return sessions.correct(id, correction.category(), identity);
    }

    @PUT
    @Path("/spam")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<SessionClassifications.View> spam(UUID id, @Valid @NotNull SpamMark mark) {
        return sessions.markSpam(id, mark.spam(), identity);
    }
}

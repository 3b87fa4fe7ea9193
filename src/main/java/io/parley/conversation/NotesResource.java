package io.parley.conversation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Writes an internal note on a session (read them with {@code GET /api/customers/{id}/notes}). */
@Path("/api/sessions/{id}/notes")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class NotesResource {

    /** A note's text. */
    record NewNote(@NotBlank @Size(max = 4000) String text) {
    }

    private final Notes notes;
    private final SecurityIdentity identity;

    NotesResource(Notes notes, SecurityIdentity identity) {
        this.notes = notes;
        this.identity = identity;
    }

    @POST
    @ResponseStatus(201)
    public Uni<Notes.NoteView> add(UUID id, @Valid @NotNull NewNote note) {
        return notes.add(id, note.text(), identity);
    }
}

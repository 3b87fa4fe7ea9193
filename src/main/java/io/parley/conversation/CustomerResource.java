package io.parley.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Customers: profile and identities, the cross-channel timeline, and manual linking (audited). */
@Path("/api/customers/{id}")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class CustomerResource {

    /** Merges another customer into this one. */
    record MergeRequest(@NotNull UUID sourceCustomerId, @NotBlank @Size(max = 500) String reason) {
    }

    /** Why an identity is split off. */
    record UnlinkRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final CustomerService customers;
    private final SessionAccess access;
    private final Notes notes;
    private final SecurityIdentity identity;

    CustomerResource(CustomerService customers, SessionAccess access, Notes notes, SecurityIdentity identity) {
        this.customers = customers;
        this.notes = notes;
        this.access = access;
        this.identity = identity;
    }

    @GET
    public Uni<Views.CustomerView> get(UUID id) {
        return Panache.withSession(() -> access.customer(id, identity)).chain(() -> customers.get(id));
    }

    @GET
    @Path("/timeline")
    public Uni<Views.TimelinePage> timeline(UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return Panache.withSession(() -> access.customer(id, identity))
                .chain(() -> customers.timeline(id, cursor, limit));
    }

    /** The customer's sessions, newest first, with their outcome (close reason, wrap-up); without messages. */
    @GET
    @Path("/sessions")
    public Uni<List<Views.SessionView>> sessions(UUID id,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return Panache.withSession(() -> access.customer(id, identity).chain(() -> SessionEntity
                .<SessionEntity> find("customerId", Sort.descending("openedAt"), id).page(Page.ofSize(limit)).list()))
                .map(sessions -> sessions.stream().map(s -> Views.SessionView.of(s, List.of())).toList());
    }

    /** The internal notes of all the customer's sessions, newest first. */
    @GET
    @Path("/notes")
    public Uni<List<Notes.NoteView>> notes(UUID id,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return notes.ofCustomer(id, limit, identity);
    }

    @POST
    @Path("/merge")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Views.CustomerView> merge(UUID id, @Valid @NotNull MergeRequest request) {
        return customers.merge(id, request.sourceCustomerId(), request.reason(), identity.getPrincipal().getName());
    }

    @POST
    @Path("/identities/{identityId}/unlink")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Views.CustomerView> unlink(UUID id, UUID identityId, @Valid @NotNull UnlinkRequest request) {
        return customers.unlink(id, identityId, request.reason(), identity.getPrincipal().getName());
    }
}

package io.parley.routing.assignment;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Transfers over REST; see {@link Transfers}. */
@Path("/api/sessions/{id}/transfer")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class TransferResource {

    private final Transfers transfers;
    private final SecurityIdentity identity;

    TransferResource(Transfers transfers, SecurityIdentity identity) {
        this.transfers = transfers;
        this.identity = identity;
    }

    @POST
    public Uni<Void> transfer(UUID id, @Valid @NotNull TransferRequest transfer) {
        return transfers.transfer(id, transfer, identity);
    }
}

package io.parley.push;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Issues the single-use ticket an operator's client sends in the first WebSocket frame. */
@Path("/api/operator/push/tickets")
@RolesAllowed(Roles.OPERATOR)
class PushTicketResource {

    private final PushTickets tickets;
    private final SecurityIdentity identity;

    PushTicketResource(PushTickets tickets, SecurityIdentity identity) {
        this.tickets = tickets;
        this.identity = identity;
    }

    @POST
    public Uni<PushTickets.Ticket> issue() {
        return tickets.issue(identity);
    }
}

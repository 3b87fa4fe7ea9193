package io.parley.security;

import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.security.identity.SecurityIdentity;

/** Tells a signed-in user who Parley thinks they are; consoles use it to pick their views. */
@Path("/api/me")
class WhoAmIResource {

    /**
     * @param subject the token subject (operators are keyed by it)
     * @param roles the Parley roles the token carries
     */
    record Me(String subject, Set<String> roles) {
    }

    private final SecurityIdentity identity;

    WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATOR })
    public Me me() {
        return new Me(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }
}

package io.parley.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.parley.common.problem.ProblemException;
import io.parley.security.PublicEndpoint;
import io.parley.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;

/** Mints development tokens. Exists only in the embedded build ({@code ./parley run}); never in a production build. */
@Path("/dev/token")
@IfBuildProfile("embedded")
class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATOR);

    @GET
    @PermitAll
    @PublicEndpoint(reason = "development token issuer; compiled only into the embedded build (./parley run)")
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("role") String role, @QueryParam("subject") String subject) {
        if (role == null || !ROLES.contains(role)) {
            throw ProblemException.invalidField("role", "must be one of " + ROLES);
        }
        String sub = subject == null || subject.isBlank() ? "dev-" + role : subject;
        return DevTokens.issue(sub, List.of(role), Duration.ofHours(12));
    }
}

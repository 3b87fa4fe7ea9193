package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.profile.IfBuildProfile;

/** Fails the build when an HTTP or WebSocket endpoint does not declare who may call it. */
class EndpointAccessDeclarationTest {

    @Test
    void everyEndpointOfParleyDeclaresItsAccess() {
        // Given everything the build compiled (main code and the embedded development code)
        Index index = EndpointAccessRules.indexOf(java.nio.file.Path.of("target/classes"),
                java.nio.file.Path.of("target/test-classes/io/parley/embedded"));

        // Then the rule finds endpoints, and no violation among them
        assertThat(index.getKnownClasses()).anyMatch(c -> c.name().toString().endsWith("WhoAmIResource"));
        assertThat(EndpointAccessRules.violations(index)).isEmpty();
    }

    @Test
    void anUndeclaredOrUnexplainedEndpointIsReported() {
        // Given endpoints that forget their declaration, or open themselves without a reason
        Index index = EndpointAccessRules.indexOf(java.nio.file.Path.of("target/test-classes/io/parley/security"));

        // Then each one is reported, and the declared ones are not
        List<String> violations = EndpointAccessRules.violations(index);
        assertThat(violations).containsExactlyInAnyOrder(
                Fixture.class.getName() + "#undeclared declares no access"
                        + " (@RolesAllowed, @Authenticated, @DenyAll or @PermitAll)",
                Fixture.class.getName() + "#openWithoutReason is @PermitAll without @PublicEndpoint(reason = ...)");
    }

    /** Never deployed (its build profile does not exist); only indexed by the test above. */
    @Path("/access-rule-fixture")
    @IfBuildProfile("access-rule-fixture")
    static class Fixture {

        @GET
        public String undeclared() {
            return "";
        }

        @POST
        @PermitAll
        public String openWithoutReason() {
            return "";
        }

        @GET
        @Path("declared")
        @RolesAllowed(Roles.ADMIN)
        public String declared() {
            return "";
        }

        @GET
        @Path("public")
        @PermitAll
        @PublicEndpoint(reason = "fixture")
        public String publicWithReason() {
            return "";
        }
    }
}

package io.parley.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.parley.security.PublicEndpoint;

/** Tells the console, before anybody has signed in, where and as which client to sign in. */
@Path("/api/console/config")
class ConsoleConfigResource {

    /**
     * @param issuerUrl the OIDC issuer to sign in against, or null when only pasting a token is possible
     * @param clientId the console's public OIDC client
     * @param scope the scopes to ask for
     */
    record Config(String issuerUrl, String clientId, String scope) {
    }

    private final ConsoleConfig config;

    ConsoleConfigResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @PermitAll
    @PublicEndpoint(reason = "the console needs its sign-in settings before sign-in; they are public OIDC client settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Config config() {
        return new Config(config.issuerUrl().orElse(null), config.clientId(), config.scope());
    }
}

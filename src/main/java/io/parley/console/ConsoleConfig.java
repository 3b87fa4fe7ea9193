package io.parley.console;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the operator console (docs/console.md) signs operators and supervisors in. */
@ConfigMapping(prefix = "parley.console")
public interface ConsoleConfig {

    /**
     * The OIDC issuer the console signs in against with the authorization-code flow and PKCE; it reads
     * {@code <issuer>/.well-known/openid-configuration}. Defaults to {@code PARLEY_OIDC_URL}; without it the console
     * only offers pasting a token. A path ({@code /dev/oidc}) is resolved against Parley's own origin.
     */
    Optional<String> issuerUrl();

    /** The public OIDC client the console signs in as (no secret; PKCE S256; redirect URI {@code <parley>/console/}). */
    @WithDefault("parley-console")
    String clientId();

    /** The scopes the console asks for; {@code openid} is needed for the ID token, {@code offline_access} is not. */
    @WithDefault("openid profile")
    String scope();
}

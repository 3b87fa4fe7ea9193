package io.parley.security;

/**
 * The roles Parley knows. They are read from the access token (claim path {@code quarkus.oidc.roles.role-claim-path},
 * Keycloak realm roles by default).
 */
public final class Roles {

    /** Configures channels, queues, workflows and operators. */
    public static final String ADMIN = "admin";
    /** Watches queues and operators, links customers, overrides statuses. */
    public static final String SUPERVISOR = "supervisor";
    /** Handles conversations. */
    public static final String OPERATOR = "operator";
    /** Registers channels and connects CRMs. */
    public static final String INTEGRATOR = "integrator";

    private Roles() {
    }
}

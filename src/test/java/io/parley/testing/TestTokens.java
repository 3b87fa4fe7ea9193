package io.parley.testing;

import java.time.Duration;
import java.util.List;

import io.parley.embedded.DevTokens;

/** Really signed bearer tokens for tests, from the development issuer. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String forRole(String role) {
        return forSubject("test-" + role, role);
    }

    public static String forSubject(String subject, String... roles) {
        return DevTokens.issue(subject, List.of(roles), Duration.ofMinutes(30));
    }

    public static String bearer(String role) {
        return "Bearer " + forRole(role);
    }
}

package io.parley.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.embedded.DevTokens;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityTest {

    @Test
    void aSignedTokenWithAParleyRoleIsAccepted() {
        given().header("Authorization", "Bearer " + TestTokens.forSubject("olga", Roles.OPERATOR, Roles.SUPERVISOR))
                .when().get("/api/me")
                .then().statusCode(200)
                .body("subject", equalTo("olga"))
                .body("roles", containsInAnyOrder(Roles.OPERATOR, Roles.SUPERVISOR));
    }

    @Test
    void noTokenIs401ProblemJson() {
        given().when().get("/api/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    @Test
    void expiredTokenIs401() {
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        String expired = DevTokens.sign(Map.of("iss", DevTokens.ISSUER, "sub", "x", "iat", past - 60, "exp", past,
                "realm_access", Map.of("roles", List.of(Roles.ADMIN))));
        given().header("Authorization", "Bearer " + expired).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tamperedTokenIs401() {
        String token = TestTokens.forRole(Roles.OPERATOR);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"parley-dev\",\"sub\":\"x\",\"exp\":9999999999,\"realm_access\":{\"roles\":[\"admin\"]}}"
                        .getBytes())
                + "." + parts[2];
        given().header("Authorization", "Bearer " + forged).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void foreignIssuerIs401() {
        long now = Instant.now().getEpochSecond();
        String foreign = DevTokens.sign(Map.of("iss", "someone-else", "sub", "x", "iat", now, "exp", now + 600,
                "realm_access", Map.of("roles", List.of(Roles.ADMIN))));
        given().header("Authorization", "Bearer " + foreign).when().get("/api/me")
                .then().statusCode(401);
    }

    @Test
    void tokenWithoutAParleyRoleIs403ProblemJson() {
        given().header("Authorization", "Bearer " + TestTokens.forSubject("guest", "guest"))
                .when().get("/api/me")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", equalTo("Forbidden"));
    }
}

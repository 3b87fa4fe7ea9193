package io.parley.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.common.audit.AuditRecord;
import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Administrators create, replace, list and delete operator profiles; bad input is refused naming the field. */
@QuarkusTest
class OperatorProfileTest {

    @Test
    void profileLifecycleIsStoredAndAudited() throws Throwable {
        String subject = "op-" + UUID.randomUUID();
        Map<String, Object> profile = Map.of("displayName", "Anna", "skills", List.of("delivery", "returns", "delivery"),
                "languages", List.of("ru", "en"), "groups", List.of("team-a"),
                "capacity", Map.of("email", 5, "chat", 3), "maxConcurrent", 6);

        // Created: lists (TEXT[]) and the capacity map round-trip through the database; a new operator is OFFLINE
        put(subject, profile).statusCode(201);
        admin().when().get("/api/admin/operators/{s}", subject).then().statusCode(200)
                .body("displayName", equalTo("Anna"))
                .body("skills", contains("delivery", "returns"))
                .body("languages", contains("ru", "en"))
                .body("groups", contains("team-a"))
                .body("capacity.chat", equalTo(3)).body("capacity.email", equalTo(5))
                .body("maxConcurrent", equalTo(6))
                .body("status", equalTo("OFFLINE"));

        // Replaced: 200, the status is kept
        given().header("Authorization", "Bearer " + TestTokens.forSubject(subject, Roles.OPERATOR))
                .contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE"))
                .when().put("/api/operators/me/status").then().statusCode(200);
        put(subject, Map.of("displayName", "Anna K.", "skills", List.of("vip"), "maxConcurrent", 2)).statusCode(200)
                .body("displayName", equalTo("Anna K.")).body("skills", contains("vip"))
                .body("languages", equalTo(List.of())).body("capacity", equalTo(Map.of()))
                .body("status", equalTo("AVAILABLE"));
        admin().when().get("/api/admin/operators").then().statusCode(200).body("subject", hasItem(subject));

        // Deleted: gone, and it went OFFLINE on the way out
        admin().when().delete("/api/admin/operators/{s}", subject).then().statusCode(204);
        admin().when().get("/api/admin/operators/{s}", subject).then().statusCode(404)
                .contentType("application/problem+json");
        admin().when().delete("/api/admin/operators/{s}", subject).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .when().get("/api/operators/{s}/status-log", subject).then().statusCode(200)
                .body("[0].status", equalTo("OFFLINE")).body("[0].reason", equalTo("profile deleted"));

        List<String> actions = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> AuditRecord.<AuditRecord> list("subject = ?1 order by id", subject)))
                .stream().map(r -> r.action + " by " + r.actor).toList();
        assertThat(actions).containsExactly("operator.created by test-admin", "operator.updated by test-admin",
                "operator.deleted by test-admin");
    }

    @Test
    void invalidProfilesAreRefusedNamingTheField() {
        String subject = "op-" + UUID.randomUUID();
        put(subject, Map.of("displayName", "A", "skills", List.of("delivery", "Big Deals"), "maxConcurrent", 1))
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("skills[1]"));
        put(subject, Map.of("displayName", "A", "capacity", Map.of("chat", 0), "maxConcurrent", 1))
                .statusCode(400).body("errors[0].field", equalTo("capacity.chat"));
        put(subject, Map.of("displayName", "A", "capacity", Map.of("email", 101), "maxConcurrent", 1))
                .statusCode(400).body("errors[0].field", equalTo("capacity.email"));
        put(subject, Map.of("displayName", "A", "capacity", Map.of("Chat Room", 1), "maxConcurrent", 1))
                .statusCode(400).body("errors[0].field", equalTo("capacity.Chat Room"));
        put(subject, Map.of("displayName", "A", "maxConcurrent", 0))
                .statusCode(400).body("errors[0].field", equalTo("maxConcurrent"));
        put(subject, Map.of("displayName", "A", "maxConcurrent", "many"))
                .statusCode(400).body("errors[0].field", equalTo("maxConcurrent"));
        put(subject, Map.of("maxConcurrent", 1)).statusCode(400).body("errors[0].field", equalTo("displayName"));
        put(subject, Map.of("displayName", "A", "languages", List.of("ru"), "maxConcurrent", 1,
                "groups", List.of("x".repeat(41)))).statusCode(400).body("errors[0].field", equalTo("groups[0]"));
        admin().when().get("/api/admin/operators/{s}", subject).then().statusCode(404);

        // Only administrators manage profiles
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("displayName", "A", "maxConcurrent", 1))
                .when().put("/api/admin/operators/{s}", subject).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR))
                .when().get("/api/admin/operators").then().statusCode(403);
    }

    private static ValidatableResponse put(String subject, Map<String, Object> profile) {
        return admin().contentType(ContentType.JSON).body(profile)
                .when().put("/api/admin/operators/{s}", subject).then();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN));
    }
}

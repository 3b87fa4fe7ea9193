package io.parley.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.security.Roles;
import io.parley.testing.KafkaTopics;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Operators set their own status, supervisors override it; every change is logged and published. */
@QuarkusTest
class OperatorStatusTest {

    @Inject
    ObjectMapper json;

    @Test
    void operatorSetsOwnStatusButNoOneElses() {
        String subject = "op-" + UUID.randomUUID();
        String other = "op-" + UUID.randomUUID();
        String token = operator(subject);

        // Without a profile: 404
        given().header("Authorization", token).when().get("/api/operators/me").then().statusCode(404)
                .contentType("application/problem+json");
        setOwn(token, Map.of("status", "AVAILABLE")).statusCode(404).contentType("application/problem+json");

        createProfile(subject);
        createProfile(other);
        given().header("Authorization", token).when().get("/api/operators/me").then().statusCode(200)
                .body("subject", equalTo(subject)).body("status", equalTo("OFFLINE"))
                .body("capacity.chat", equalTo(3));
        setOwn(token, Map.of("status", "BREAK", "reason", "lunch")).statusCode(200)
                .body("status", equalTo("BREAK")).body("statusReason", equalTo("lunch"));
        setOwn(token, Map.of("status", "AVAILABLE")).statusCode(200)
                .body("status", equalTo("AVAILABLE")).body("statusReason", nullValue());

        // Bad input names the field; another operator's status and the log are for supervisors only
        setOwn(token, Map.of("status", "SLEEPING")).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        setOwn(token, Map.of()).statusCode(400).body("errors[0].field", equalTo("status"));
        given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("status", "OFFLINE"))
                .when().put("/api/operators/{s}/status", other).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", token).when().get("/api/operators/{s}/status-log", subject)
                .then().statusCode(403);
    }

    @Test
    void supervisorOverrideIsLoggedInOrderAndPublished() throws Exception {
        String subject = "op-" + UUID.randomUUID();
        String token = operator(subject);
        String supervisor = "Bearer " + TestTokens.forSubject("sup-sveta", Roles.SUPERVISOR);
        createProfile(subject);

        try (KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {
            // Given the operator goes AVAILABLE (and again: no change, nothing logged), then a supervisor overrides
            setOwn(token, Map.of("status", "AVAILABLE")).statusCode(200);
            setOwn(token, Map.of("status", "AVAILABLE")).statusCode(200);
            given().header("Authorization", supervisor).contentType(ContentType.JSON)
                    .body(Map.of("status", "MEETING", "reason", "team briefing"))
                    .when().put("/api/operators/{s}/status", subject).then().statusCode(200)
                    .body("status", equalTo("MEETING"));

            // Then the log has both changes, newest first, each with who made it
            given().header("Authorization", supervisor).when().get("/api/operators/{s}/status-log", subject)
                    .then().statusCode(200).body("", hasSize(2))
                    .body("status", contains("MEETING", "AVAILABLE"))
                    .body("previous", contains("AVAILABLE", "OFFLINE"))
                    .body("changedBy", contains("sup-sveta", subject))
                    .body("[0].reason", equalTo("team briefing"));
            given().header("Authorization", supervisor).queryParam("limit", 1)
                    .when().get("/api/operators/{s}/status-log", subject)
                    .then().statusCode(200).body("status", contains("MEETING"));
            given().header("Authorization", supervisor).queryParam("limit", 0)
                    .when().get("/api/operators/{s}/status-log", subject)
                    .then().statusCode(400).body("errors[0].field", equalTo("limit"));
            given().header("Authorization", supervisor).contentType(ContentType.JSON).body(Map.of("status", "BUSY"))
                    .when().put("/api/operators/{s}/status", "op-" + UUID.randomUUID()).then().statusCode(404);

            // And the override is on parley.events as a CloudEvent
            String raw = events.await(v -> v.contains(StatusChanged.TYPE) && v.contains(subject)
                    && v.contains("MEETING"));
            assertThat(raw).isNotNull();
            JsonNode event = json.readTree(raw);
            assertThat(event.path("subject").asText()).isEqualTo(subject);
            JsonNode data = event.path("data");
            assertThat(List.of(data.path("subject").asText(), data.path("status").asText(),
                    data.path("previous").asText(), data.path("reason").asText(), data.path("changedBy").asText()))
                    .containsExactly(subject, "MEETING", "AVAILABLE", "team briefing", "sup-sveta");
        }
    }

    private static void createProfile(String subject) {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("displayName", subject, "skills", List.of("delivery"), "capacity", Map.of("chat", 3),
                        "maxConcurrent", 3))
                .when().put("/api/admin/operators/{s}", subject).then().statusCode(201);
    }

    private static String operator(String subject) {
        return "Bearer " + TestTokens.forSubject(subject, Roles.OPERATOR);
    }

    private static ValidatableResponse setOwn(String token, Map<String, Object> body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().put("/api/operators/me/status").then();
    }
}

package io.parley.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;

import io.parley.security.Roles;
import io.restassured.http.ContentType;

/** Queues, operators and rules for routing tests, each test in its own namespace. */
public final class RoutingFixtures {

    public static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    public static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    private RoutingFixtures() {
    }

    public static void queue(String id, Map<String, Object> definition) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(definition)
                .when().put("/api/admin/queues/{id}", id).then().statusCode(Matchers.oneOf(200, 201));
    }

    public static Map<String, Object> queueOf(String expression, int offerTimeout, boolean autoAccept) {
        return Map.of("name", "q", "targetExpression", expression, "offerTimeoutSeconds", offerTimeout,
                "autoAccept", autoAccept);
    }

    /** Routes conversations of {@code channel} along {@code targets}; everything else to a queue nobody serves. */
    public static void rules(UUID channel, List<Map<String, Object>> targets) {
        queue("nobody", queueOf("false", 30, false));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(Map.of("name", "test " + channel, "when",
                        "conversation.channelId == '" + channel + "'", "targets", targets)),
                        "defaultTarget", Map.of("queue", "nobody")))
                .when().put("/api/admin/workflow").then().statusCode(200);
    }

    public static void operator(String subject, String group, int chatCapacity) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("displayName", subject, "groups", List.of(group), "capacity", Map.of("chat",
                        chatCapacity), "maxConcurrent", chatCapacity))
                .when().put("/api/admin/operators/{s}", subject).then().statusCode(Matchers.oneOf(200, 201));
    }

    public static String token(String subject) {
        return "Bearer " + TestTokens.forSubject(subject, Roles.OPERATOR);
    }

    public static void status(String subject, String status) {
        given().header("Authorization", token(subject)).contentType(ContentType.JSON).body(Map.of("status", status))
                .when().put("/api/operators/me/status").then().statusCode(200);
    }

    /** Waits for a pending offer of {@code session} to {@code subject}; returns its id. */
    public static String awaitOffer(String subject, String session, Duration within) {
        return await().atMost(within).until(() -> given().header("Authorization", token(subject))
                .when().get("/api/offers").then().statusCode(200).extract()
                .<String> path("find { it.sessionId == '" + session + "' }.id"), id -> id != null);
    }
}

package io.parley.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Versioned rules through the admin API, and the dry run of the README's worked example against real data. */
@QuarkusTest
class WorkflowAndDryRunTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    Pool pool;

    private static final Map<String, Object> RULES = Map.of(
            "filters", List.of(Map.of("name", "damage claims", "when", "classification.category == 'damage'",
                    "targets", List.of(Map.of("queue", "wf-claims", "priority", 10, "timeoutSeconds", 120),
                            Map.of("queue", "wf-general", "priority", 10)))),
            "defaultTarget", Map.of("queue", "wf-general"));

    private static final Map<String, Object> RUSSIAN_VK_DAMAGE = Map.of(
            "conversation", Map.of("channel", "vk", "language", "ru"),
            "classification", Map.of("category", "damage"));

    /**
     * Conversations other test classes left waiting would be offered to this test's operators as soon as they are
     * available, which changes who has been idle longest.
     */
    @BeforeEach
    void noConversationsLeftWaiting() {
        pool.query("UPDATE routing_tasks SET state = 'DONE' WHERE state = 'WAITING'").execute().await().indefinitely();
    }

    @Test
    void aDamagedDeliveryComplaintIsOfferedToTheLongestIdleRussianClaimsOperatorThenOverflows() {
        queue("wf-claims", "operator.skills HAS 'claims' AND operator.languages HAS 'ru'");
        queue("wf-general", "operator.groups HAS 'wf-team'");
        operator("wf-anna", List.of("claims"), List.of("ru"));
        operator("wf-boris", List.of("claims"), List.of("ru", "en"));
        operator("wf-carl", List.of("claims"), List.of("en"));
        available("wf-anna");
        available("wf-boris");
        available("wf-carl");
        int version = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(RULES)
                .when().put("/api/admin/workflow").then().statusCode(200).extract().path("version");

        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("conversation", RUSSIAN_VK_DAMAGE))
                .when().post("/api/admin/routing/dry-run")
                .then().statusCode(200)
                .body("workflowVersion", equalTo(version))
                .body("filter", equalTo("damage claims"))
                .body("queue", equalTo("wf-claims"))
                .body("timeoutSeconds", equalTo(120))
                .body("winner", equalTo("wf-anna"))
                .body("candidates.find { it.operator == 'wf-carl' }.reason", equalTo("queue expression does not match"))
                .body("candidates.find { it.operator == 'wf-boris' }.eligible", equalTo(true));

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("conversation", RUSSIAN_VK_DAMAGE, "step", 1))
                .when().post("/api/admin/routing/dry-run")
                .then().statusCode(200)
                .body("queue", equalTo("wf-general"))
                .body("timeoutSeconds", nullValue())
                .body("winner", equalTo("wf-anna"));
    }

    @Test
    void invalidRulesAreRefusedNamingTheFieldAndEarlierVersionsCanBeReactivated() {
        queue("wf-general", "true");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(Map.of("name", "broken", "when", "classification.category = 'x'",
                        "targets", List.of(Map.of("queue", "wf-general")))), "defaultTarget", Map.of("queue",
                                "wf-general")))
                .when().put("/api/admin/workflow")
                .then().statusCode(400).body("errors[0].field", equalTo("filters[0].when"))
                .body("errors[0].message", equalTo("Unexpected '=' at position 24"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("defaultTarget", Map.of("queue", "no-such-queue")))
                .when().put("/api/admin/workflow")
                .then().statusCode(400).body("errors[0].field", equalTo("defaultTarget.queue"));

        int first = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("defaultTarget", Map.of("queue", "wf-general", "priority", 1)))
                .when().put("/api/admin/workflow").then().statusCode(200).extract().path("version");
        int second = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("defaultTarget", Map.of("queue", "wf-general", "priority", 2)))
                .when().put("/api/admin/workflow").then().statusCode(200).extract().path("version");
        given().header("Authorization", ADMIN).when().post("/api/admin/workflow/versions/{v}/activate", first)
                .then().statusCode(200).body("version", equalTo(first));
        given().header("Authorization", ADMIN).when().get("/api/admin/workflow")
                .then().body("version", equalTo(first)).body("workflow.defaultTarget.priority", equalTo(1));
        given().header("Authorization", ADMIN).when().get("/api/admin/workflow/versions")
                .then().body("find { it.version == " + second + " }.active", equalTo(false))
                .body("find { it.version == " + first + " }.active", equalTo(true))
                .body("version", hasItem(second));
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("defaultTarget", Map.of("queue", "wf-general")))
                .when().put("/api/admin/workflow").then().statusCode(403);
    }

    private static void queue(String id, String expression) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", id, "targetExpression", expression, "offerTimeoutSeconds", 30))
                .when().put("/api/admin/queues/{id}", id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void operator(String subject, List<String> skills, List<String> languages) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("displayName", subject, "skills", skills, "languages", languages, "groups",
                        List.of("wf-team"), "capacity", Map.of("chat", 3), "maxConcurrent", 3))
                .when().put("/api/admin/operators/{s}", subject).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void available(String subject) {
        given().header("Authorization", "Bearer " + TestTokens.forSubject(subject, Roles.OPERATOR))
                .contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE"))
                .when().put("/api/operators/me/status").then().statusCode(200);
    }
}

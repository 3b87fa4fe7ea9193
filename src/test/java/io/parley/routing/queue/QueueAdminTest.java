package io.parley.routing.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class QueueAdminTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    private static Map<String, Object> claims(String expression) {
        return Map.of("name", "Damage claims", "targetExpression", expression, "offerTimeoutSeconds", 30,
                "maxWaitSeconds", 120, "strategy", "LONGEST_IDLE",
                "businessHours", Map.of("timeZone", "Europe/Moscow",
                        "weekly", Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "18:00"))),
                        "holidays", List.of("2027-01-01")),
                "positionReply", "Вы {position}-й в очереди", "slaFirstResponseSeconds", 300);
    }

    @Test
    void queueIsCreatedReplacedReadAndDeleted() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(claims("operator.skills HAS 'claims' AND operator.languages HAS 'ru'"))
                .when().put("/api/admin/queues/claims")
                .then().statusCode(201)
                .body("definition.targetExpression", equalTo("operator.skills HAS 'claims' AND operator.languages HAS 'ru'"))
                .body("definition.businessHours.timeZone", equalTo("Europe/Moscow"))
                .body("definition.reopenToLastOperatorSeconds", equalTo(86_400));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(claims("operator.skills HAS 'claims'"))
                .when().put("/api/admin/queues/claims").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).when().get("/api/admin/queues")
                .then().statusCode(200).body("id", hasItem("claims"));
        given().header("Authorization", ADMIN).when().get("/api/admin/queues/claims")
                .then().body("definition.targetExpression", equalTo("operator.skills HAS 'claims'"))
                .body("definition.businessHours.weekly.MONDAY[0].from", equalTo("09:00"));
        given().header("Authorization", ADMIN).when().delete("/api/admin/queues/claims").then().statusCode(204);
        given().header("Authorization", ADMIN).when().get("/api/admin/queues/claims").then().statusCode(404);
    }

    @Test
    void invalidDefinitionsNameTheField() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(claims("operator.skills HAS"))
                .when().put("/api/admin/queues/bad")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("targetExpression"))
                .body("errors[0].message",
                        equalTo("Expected a value or an attribute, but the expression ended at position 19"));
        Map<String, Object> badZone = new java.util.HashMap<>(claims("true"));
        badZone.put("businessHours", Map.of("timeZone", "Mars/Olympus"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(badZone)
                .when().put("/api/admin/queues/bad")
                .then().statusCode(400).body("errors[0].field", equalTo("businessHours.timeZone"));
        Map<String, Object> badTimeout = new java.util.HashMap<>(claims("true"));
        badTimeout.put("offerTimeoutSeconds", 1);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(badTimeout)
                .when().put("/api/admin/queues/bad")
                .then().statusCode(400).body("errors[0].field", equalTo("offerTimeoutSeconds"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(claims("true"))
                .when().put("/api/admin/queues/Bad Name")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(claims("true")).when().put("/api/admin/queues/x").then().statusCode(403);
    }
}

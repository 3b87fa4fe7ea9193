package io.parley.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.RoutingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The desk's tools: wrap-up at close, notes, consulting a colleague, the "last 10" list and the customer panel. */
@QuarkusTest
class DeskToolsTest {

    @Inject
    Pool pool;

    @Test
    void closingWithAWrapUpStoresEventsAndLabelsIt() throws Exception {
        // Given an operator holding a conversation
        String operator = "wrap-" + UUID.randomUUID();
        String session = held(operator, "Холодильник пришёл разбитым");

        // When they close it with a resolution that is not configured, nothing closes and the field is named
        as(operator).body(Map.of("category", "damage", "resolution", "fixed-by-magic"))
                .when().post("/api/sessions/{id}/close", session)
                .then().statusCode(400).body("errors[0].field", equalTo("resolution"));
        as(operator).body(Map.of("category", "<b>", "resolution", "resolved"))
                .when().post("/api/sessions/{id}/close", session)
                .then().statusCode(400);
        as(operator).when().get("/api/wrap-up").then().statusCode(200)
                .body("resolutions", hasItems("resolved", "no-reply-needed"));

        // When they close it with a category and a configured resolution
        try (KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {
            as(operator).body(Map.of("category", "damage", "resolution", "resolved"))
                    .when().post("/api/sessions/{id}/close", session)
                    .then().statusCode(200).body("wrapUp.category", equalTo("damage"))
                    .body("wrapUp.resolution", equalTo("resolved"));

            // Then the wrap-up is stored, evented, taken as the session's category, and the conversation is in "last 10"
            JsonObject closed = new JsonObject(events.await(v -> v.contains("io.parley.session.closed")
                    && v.contains(session)));
            assertThat(closed.getJsonObject("data").getJsonObject("wrapUp").getMap())
                    .isEqualTo(Map.of("category", "damage", "resolution", "resolved"));
        }
        as(operator).when().get("/api/sessions/{id}/classification", session).then().statusCode(200)
                .body("category", equalTo("damage")).body("source", equalTo("operator"));
        as(operator).when().get("/api/operators/me/handled").then().statusCode(200)
                .body("[0].sessionId", equalTo(session)).body("[0].wrapUp.resolution", equalTo("resolved"))
                .body("[0].firstPreview", equalTo("Холодильник пришёл разбитым"));
        String customer = as(operator).when().get("/api/sessions/{id}", session).then().extract().path("customerId");
        as(operator).when().get("/api/customers/{id}/sessions", customer).then().statusCode(200)
                .body("[0].id", equalTo(session)).body("[0].wrapUp.category", equalTo("damage"));
    }

    @Test
    void aConsultedColleagueReadsAndWritesNotesButCannotAnswer() {
        // Given Anna holds a conversation and Boris is not part of it
        String anna = "anna-" + UUID.randomUUID();
        String boris = "boris-" + UUID.randomUUID();
        RoutingFixtures.operator(boris, "consult", 2);
        String session = held(anna, "Где мой возврат?");
        String customer = as(anna).when().get("/api/sessions/{id}", session).then().extract().path("customerId");
        as(boris).when().get("/api/sessions/{id}", session).then().statusCode(403);

        // When Anna asks herself, or someone who does not exist, she is told which field is wrong
        as(anna).body(Map.of("operator", anna)).when().post("/api/sessions/{id}/consults", session)
                .then().statusCode(400).body("errors[0].field", equalTo("operator"));
        as(anna).body(Map.of("operator", "nobody-" + UUID.randomUUID()))
                .when().post("/api/sessions/{id}/consults", session)
                .then().statusCode(400).body("errors[0].field", equalTo("operator"));

        // When Anna consults Boris
        as(anna).body(Map.of("operator", boris)).when().post("/api/sessions/{id}/consults", session)
                .then().statusCode(201).body("operator", equalTo(boris));

        // Then Boris is told, sees the conversation, answers in a note, and Anna is told of it
        await().atMost(Duration.ofSeconds(20)).until(() -> pushed(boris, "consult", session));
        as(boris).when().get("/api/operators/me/conversations/consulted").then().statusCode(200)
                .body("sessionId", contains(session));
        as(boris).when().get("/api/sessions/{id}", session).then().statusCode(200);
        as(boris).body(Map.of("text", "Возврат одобрен, срок 3 дня")).when()
                .post("/api/sessions/{id}/notes", session).then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> pushed(anna, "note", session));
        as(anna).when().get("/api/customers/{id}/notes", customer).then().statusCode(200)
                .body("[0].text", equalTo("Возврат одобрен, срок 3 дня")).body("[0].author", equalTo(boris));

        // But Boris cannot reply to the customer, transfer or close it
        as(boris).body(Map.of("text", "hi", "clientKey", UUID.randomUUID().toString()))
                .when().post("/api/sessions/{id}/messages", session).then().statusCode(403);
        as(boris).when().post("/api/sessions/{id}/close", session).then().statusCode(403);
        as(anna).body(Map.of("text", " ")).when().post("/api/sessions/{id}/notes", session)
                .then().statusCode(400).body("errors[0].field", equalTo("text"));

        // And a third operator reads no notes; once closed, Boris no longer reads the conversation
        as("carl-" + UUID.randomUUID()).when().get("/api/customers/{id}/notes", customer).then().statusCode(403);
        as(anna).when().post("/api/sessions/{id}/close", session).then().statusCode(200);
        as(boris).when().get("/api/sessions/{id}", session).then().statusCode(403);
    }

    @Test
    void transferTargetsAreAvailableColleaguesWithRoomAndQueues() {
        // Given three colleagues: one available with room, one available but full, one on a break
        String me = "tt-me-" + UUID.randomUUID();
        String free = "tt-free-" + UUID.randomUUID();
        String full = "tt-full-" + UUID.randomUUID();
        String away = "tt-away-" + UUID.randomUUID();
        RoutingFixtures.operator(free, "tt", 2);
        RoutingFixtures.status(free, "AVAILABLE");
        RoutingFixtures.operator(away, "tt", 2);
        RoutingFixtures.status(away, "BREAK");
        held(full, "занят");
        given().header("Authorization", RoutingFixtures.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("displayName", full, "groups", java.util.List.of("tt"), "capacity", Map.of("chat", 1),
                        "maxConcurrent", 1))
                .when().put("/api/admin/operators/{s}", full).then().statusCode(200);
        RoutingFixtures.status(full, "AVAILABLE");
        String mine = held(me, "перевод");

        // When I open the transfer picker
        as(me).when().get("/api/transfer-targets").then().statusCode(200)
                .body("operators.subject", hasItem(free))
                .body("operators.subject", not(hasItem(full)))
                .body("operators.subject", not(hasItem(away)))
                .body("operators.subject", not(hasItem(me)))
                .body("operators.find { it.subject == '" + free + "' }.maxConcurrent", equalTo(2));
        as(me).when().post("/api/sessions/{id}/close", mine).then().statusCode(200);
    }

    @Test
    void operatorsReadTheAttributesOfTheirCustomersOnly() {
        String operator = "attr-" + UUID.randomUUID();
        String session = held(operator, "VIP?");
        String customer = as(operator).when().get("/api/sessions/{id}", session).then().extract().path("customerId");
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("tier", "gold", "orders", 12)).when().put("/api/customers/{id}/attributes", customer)
                .then().statusCode(200);
        as(operator).when().get("/api/customers/{id}/attributes", customer).then().statusCode(200)
                .body("tier", equalTo("gold")).body("orders", equalTo(12));
        as("other-" + UUID.randomUUID()).when().get("/api/customers/{id}/attributes", customer)
                .then().statusCode(403);
        as(operator).body(Map.of("tier", "x")).when().put("/api/customers/{id}/attributes", customer)
                .then().statusCode(403);
        as(operator).when().post("/api/sessions/{id}/close", session).then().statusCode(200);
    }

    /** A new in-app conversation whose customer said {@code text}, assigned to {@code operator}. */
    static String held(String operator, String text) {
        RoutingFixtures.operator(operator, "desk-tools", 5);
        UUID channel = Api.createInAppChannel("Desk tools");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "m-1", text);
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("operator", operator)).when().put("/api/sessions/{id}/assignee", session)
                .then().statusCode(200);
        return session;
    }

    static RequestSpecification as(String operator) {
        return given().header("Authorization", RoutingFixtures.token(operator)).contentType(ContentType.JSON);
    }

    private boolean pushed(String subject, String type, String session) {
        return pool.preparedQuery("SELECT count(*) AS n FROM operator_events WHERE subject = $1 AND type = $2"
                + " AND payload ->> 'sessionId' = $3").execute(Tuple.of(subject, type, session))
                .await().indefinitely().iterator().next().getLong("n") > 0;
    }
}

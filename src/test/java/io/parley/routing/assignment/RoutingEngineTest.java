package io.parley.routing.assignment;

import static io.parley.testing.RoutingFixtures.ADMIN;
import static io.parley.testing.RoutingFixtures.SUPERVISOR;
import static io.parley.testing.RoutingFixtures.awaitOffer;
import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Offers, acceptance, expiry, escalation along the ladder, business hours and the return to the last operator. */
@QuarkusTest
class RoutingEngineTest {

    @Test
    void aNewConversationIsOfferedAcceptedAndAnsweredWithItsDecisionExplained() {
        UUID channel = Api.createInAppChannel("Routing 1");
        queue("r1-claims", queueOf("operator.groups HAS 'r1'", 30, false));
        rules(channel, List.of(Map.of("queue", "r1-claims")));
        operator("r1-olga", "r1", 2);
        status("r1-olga", "AVAILABLE");
        Api.Visitor visitor = Api.anonymousVisitor(channel);

        try (KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {
            Api.visitorSays(channel, visitor.token(), "1", "Заказ пришёл разбитым");
            String session = Api.sessionOf(channel, visitor);
            String offer = awaitOffer("r1-olga", session, Duration.ofSeconds(20));

            // the operator may read what is offered to them, then accepts and answers
            given().header("Authorization", token("r1-olga")).when().get("/api/sessions/{id}", session)
                    .then().statusCode(200);
            given().header("Authorization", token("r1-olga")).when().post("/api/offers/{id}/accept", offer)
                    .then().statusCode(204);
            given().header("Authorization", token("r1-olga")).when().get("/api/sessions/{id}", session)
                    .then().body("assignee", equalTo("r1-olga"));
            given().header("Authorization", token("r1-olga")).contentType(ContentType.JSON)
                    .body(Map.of("text", "Сейчас разберёмся", "clientKey", "a"))
                    .when().post("/api/sessions/{id}/messages", session).then().statusCode(201);
            given().header("Authorization", token("r1-olga")).when().post("/api/offers/{id}/accept", offer)
                    .then().statusCode(409).contentType("application/problem+json");

            given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/routing", session)
                    .then().statusCode(200)
                    .body("decision.winner", hasItem("r1-olga"))
                    .body("[0].decision.queue", equalTo("r1-claims"))
                    .body("[0].decision.filter", equalTo("test " + channel));
            assertThat(events.await(v -> v.contains("io.parley.routing.queued") && v.contains(session))).isNotNull();
            assertThat(events.await(v -> v.contains("io.parley.routing.offered") && v.contains(session))).isNotNull();
            assertThat(events.await(v -> v.contains("io.parley.routing.assigned") && v.contains(session))).isNotNull();
        }
    }

    @Test
    void anUnansweredOfferExpiresToTheNextCandidateAndRepeatedMissesMeanBreak() {
        UUID channel = Api.createInAppChannel("Routing 2");
        queue("r2-q", queueOf("operator.groups HAS 'r2'", 5, false));
        rules(channel, List.of(Map.of("queue", "r2-q")));
        operator("r2-anna", "r2", 3);
        operator("r2-boris", "r2", 3);
        status("r2-anna", "AVAILABLE");
        status("r2-boris", "AVAILABLE");

        Api.Visitor first = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, first.token(), "1", "hello");
        String session = Api.sessionOf(channel, first);
        awaitOffer("r2-anna", session, Duration.ofSeconds(20));
        // anna does not answer within 5 s: the offer expires and goes to boris
        awaitOffer("r2-boris", session, Duration.ofSeconds(20));

        Api.Visitor second = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, second.token(), "1", "hello again");
        String other = Api.sessionOf(channel, second);
        awaitOffer("r2-anna", other, Duration.ofSeconds(20));
        // the second miss in a row (missed-offers-before-break = 2 in tests) puts anna on BREAK
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", token("r2-anna"))
                .when().get("/api/operators/me").then().body("status", equalTo("BREAK"))
                .body("statusReason", equalTo("not responding")));
    }

    @Test
    void aClosedQueueEscalatesAlongTheLadderAfterItsTimeout() {
        UUID channel = Api.createInAppChannel("Routing 3");
        Map<String, Object> closed = new HashMap<>(queueOf("operator.groups HAS 'r3'", 30, false));
        closed.put("businessHours", Map.of("timeZone", "Europe/Moscow", "weekly", Map.of()));
        queue("r3-closed", closed);
        queue("r3-open", queueOf("operator.groups HAS 'r3'", 30, false));
        rules(channel, List.of(Map.of("queue", "r3-closed", "timeoutSeconds", 2), Map.of("queue", "r3-open")));
        operator("r3-ivan", "r3", 2);
        status("r3-ivan", "AVAILABLE");

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "ночью пишу");
        String session = Api.sessionOf(channel, visitor);

        awaitOffer("r3-ivan", session, Duration.ofSeconds(20));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/routing", session)
                .then().body("[0].decision.queue", equalTo("r3-closed"))
                .body("[0].decision.notes", hasItem("queue 'r3-closed' is outside its business hours"))
                .body("find { it.decision.winner != null }.decision.queue", equalTo("r3-open"))
                .body("find { it.decision.winner != null }.decision.step", equalTo(1));
    }

    @Test
    void aReopenedConversationReturnsToItsLastOperator() {
        UUID channel = Api.createInAppChannel("Routing 4");
        queue("r4-q", queueOf("operator.groups HAS 'r4'", 30, true));
        rules(channel, List.of(Map.of("queue", "r4-q")));
        operator("r4-pavel", "r4", 2);
        operator("r4-quinn", "r4", 2);
        status("r4-pavel", "AVAILABLE");
        status("r4-quinn", "AVAILABLE");

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "first");
        String session = Api.sessionOf(channel, visitor);
        // auto-accept: the longest idle operator (pavel, available first) gets it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("assignee", equalTo("r4-pavel")));
        given().header("Authorization", token("r4-pavel")).when().post("/api/sessions/{id}/close", session)
                .then().statusCode(200);

        // quinn has now been idle longer than pavel, but the reopened session goes back to pavel
        Api.visitorSays(channel, visitor.token(), "2", "one more question");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("state", equalTo("OPEN"))
                .body("assignee", equalTo("r4-pavel")));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/routing", session)
                .then().body("decision.notes.flatten()", hasItem("returned to the last operator, r4-pavel"));
        given().header("Authorization", ADMIN).when().get("/api/admin/queues/r4-q").then().statusCode(200);
    }

    /** Test configuration: a round looks at 40 conversations, 5 of each queue. */
    @Test
    void aLongQueueNobodyCanServeDoesNotHideTheOthers() {
        UUID blocked = Api.createInAppChannel("Routing 5 blocked");
        UUID served = Api.createInAppChannel("Routing 5 served");
        queue("r5-blocked", queueOf("operator.groups HAS 'r5-nobody'", 30, false));
        queue("r5-served", queueOf("operator.groups HAS 'r5'", 30, false));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "blocked", "when", "conversation.channelId == '" + blocked + "'",
                                "targets", List.of(Map.of("queue", "r5-blocked"))),
                        Map.of("name", "served", "when", "conversation.channelId == '" + served + "'",
                                "targets", List.of(Map.of("queue", "r5-served")))),
                        "defaultTarget", Map.of("queue", "r5-blocked")))
                .when().put("/api/admin/workflow").then().statusCode(200);
        operator("r5-rita", "r5", 2);
        status("r5-rita", "AVAILABLE");
        String last = null;
        for (int i = 0; i < 50; i++) {
            Api.Visitor visitor = Api.anonymousVisitor(blocked);
            Api.visitorSays(blocked, visitor.token(), "1", "жду");
            last = Api.sessionOf(blocked, visitor);
        }
        String lastBlocked = last;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/routing", lastBlocked).then()
                .body("[0].decision.queue", equalTo("r5-blocked")));

        // 50 conversations wait in a queue nobody serves, more than a round looks at; a new one elsewhere is served
        Api.Visitor visitor = Api.anonymousVisitor(served);
        Api.visitorSays(served, visitor.token(), "1", "hello");
        awaitOffer("r5-rita", Api.sessionOf(served, visitor), Duration.ofSeconds(20));
    }
}

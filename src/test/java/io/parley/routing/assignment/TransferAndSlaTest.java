package io.parley.routing.assignment;

import static io.parley.testing.RoutingFixtures.SUPERVISOR;
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
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Transfers to an operator or a queue, never leaving a conversation ownerless; SLA warnings and breaches. */
@QuarkusTest
class TransferAndSlaTest {

    @Inject
    Pool pool;

    @Test
    void transfersToAnOperatorOrAQueueKeepTheirHistoryAndNeverLeaveItOwnerless() {
        UUID channel = Api.createInAppChannel("Transfers");
        queue("t-first", queueOf("operator.groups HAS 't1'", 30, true));
        queue("t-second", queueOf("operator.groups HAS 't2'", 30, true));
        rules(channel, List.of(Map.of("queue", "t-first")));
        operator("t-anna", "t1", 2);
        operator("t-boris", "t1", 2);
        operator("t-carl", "t2", 2);
        operator("t-dina", "t1", 2);
        status("t-anna", "AVAILABLE");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "нужен специалист по возвратам");
        String session = Api.sessionOf(channel, visitor);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assignee(session, "t-anna"));
        status("t-boris", "AVAILABLE");
        status("t-carl", "AVAILABLE");

        // to an operator who is not available: refused, nothing changes
        transfer(session, "t-anna", Map.of("operator", "t-dina")).statusCode(409);
        assignee(session, "t-anna");
        // someone who does not hold it may not transfer it
        transfer(session, "t-boris", Map.of("operator", "t-boris")).statusCode(403);
        // to an available operator: assigned at once, with the note kept
        transfer(session, "t-anna", Map.of("operator", "t-boris", "note", "клиент просит Бориса")).statusCode(204);
        assignee(session, "t-boris");
        // to a queue: routed there (auto-accept) to its operator
        transfer(session, "t-boris", Map.of("queue", "t-second", "note", "возврат")).statusCode(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assignee(session, "t-carl"));

        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/routing", session)
                .then().body("findAll { it.trigger == 'transfer' }.decision.note",
                        equalTo(List.of("клиент просит Бориса", "возврат")))
                .body("decision.filter", hasItem("transfer to t-second"));
        transfer(session, "t-carl", Map.of("note", "nowhere")).statusCode(400);
    }

    @Test
    void anUnansweredConversationWarnsThenBreachesItsSlaAndMovesUp() throws Exception {
        UUID channel = Api.createInAppChannel("SLA");
        Map<String, Object> sla = new HashMap<>(queueOf("operator.groups HAS 'nobody-at-all'", 30, false));
        sla.put("slaFirstResponseSeconds", 10);
        queue("s-q", sla);
        rules(channel, List.of(Map.of("queue", "s-q", "priority", 5)));
        try (KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {
            Api.Visitor visitor = Api.anonymousVisitor(channel);
            Api.visitorSays(channel, visitor.token(), "1", "жду ответа");
            String session = Api.sessionOf(channel, visitor);

            assertThat(events.await(v -> v.contains("io.parley.sla.warning") && v.contains(session))).isNotNull();
            assertThat(events.await(v -> v.contains("io.parley.sla.breached") && v.contains(session)))
                    .contains("first-response");
            int priority = pool.preparedQuery("SELECT priority FROM routing_tasks WHERE session_id = $1")
                    .execute(Tuple.of(UUID.fromString(session))).await().indefinitely().iterator().next()
                    .getInteger("priority");
            assertThat(priority).isEqualTo(105);

            // And a supervisor sees the waiting conversation flagged; its holder sees it on every desk it opens
            given().header("Authorization", SUPERVISOR).queryParam("queue", "s-q")
                    .when().get("/api/supervisor/conversations").then().statusCode(200)
                    .body("find { it.sessionId == '" + session + "' }.slaBreached", equalTo(true))
                    .body("find { it.sessionId == '" + session + "' }.state", equalTo("WAITING"));
            String holder = "sla-holder-" + UUID.randomUUID();
            operator(holder, "sla-holders", 2);
            given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                    .body(Map.of("operator", holder)).when().put("/api/sessions/{id}/assignee", session)
                    .then().statusCode(200);
            given().header("Authorization", token(holder)).when().get("/api/operators/me/conversations")
                    .then().body("[0].sla", equalTo("breached")).body("[0].firstResponseDue", notNullValue());
            Sessions.close(session);
        }
    }

    private static void assignee(String session, String operator) {
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("assignee", equalTo(operator));
    }

    private static io.restassured.response.ValidatableResponse transfer(String session, String actor,
            Map<String, Object> body) {
        return given().header("Authorization", token(actor)).contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions/{id}/transfer", session).then();
    }
}

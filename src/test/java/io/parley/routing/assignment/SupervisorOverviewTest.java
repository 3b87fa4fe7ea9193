package io.parley.routing.assignment;

import static io.parley.testing.RoutingFixtures.SUPERVISOR;
import static io.parley.testing.RoutingFixtures.awaitOffer;
import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The supervisor overview counts what waits in each queue and what each operator holds, as routing moves it. */
@QuarkusTest
class SupervisorOverviewTest {

    private static final String QUEUE = "queues.find { it.id == 'so-team' }";
    private static final String OPERATOR = "operators.find { it.subject == 'so-olga' }";

    @Test
    void waitingOfferedAndAssignedConversationsAreCountedPerQueueAndOperator() {
        UUID channel = Api.createInAppChannel("Overview");
        queue("so-team", queueOf("operator.groups HAS 'so-team'", 60, false));
        rules(channel, List.of(Map.of("queue", "so-team")));
        operator("so-olga", "so-team", 2);

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Где мой заказ?");
        String session = Api.sessionOf(channel, visitor);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> overview()
                .body(QUEUE + ".waiting", equalTo(1)).body(QUEUE + ".oldestWaitingSince", notNullValue())
                .body(OPERATOR + ".status", equalTo("OFFLINE")).body(OPERATOR + ".offered", equalTo(0)));

        status("so-olga", "AVAILABLE");
        String offer = awaitOffer("so-olga", session, Duration.ofSeconds(20));
        overview().body(QUEUE + ".waiting", equalTo(0)).body(QUEUE + ".oldestWaitingSince", nullValue())
                .body(QUEUE + ".offered", equalTo(1)).body(OPERATOR + ".offered", equalTo(1))
                .body(OPERATOR + ".maxConcurrent", equalTo(2));

        given().header("Authorization", token("so-olga")).when().post("/api/offers/{id}/accept", offer)
                .then().statusCode(204);
        overview().body(QUEUE + ".offered", equalTo(0)).body(QUEUE + ".assigned", equalTo(1))
                .body(OPERATOR + ".offered", equalTo(0)).body(OPERATOR + ".assigned", equalTo(1))
                .body(OPERATOR + ".status", equalTo("AVAILABLE"))
                .body(OPERATOR + ".groups", contains("so-team"))
                .body(OPERATOR + ".capacity.chat", equalTo(2))
                .body(OPERATOR + ".loadByKind.chat", equalTo(1))
                .body(OPERATOR + ".missedOffers", equalTo(0));
    }

    @Test
    void onlySupervisorsSeeTheOverview() {
        given().header("Authorization", token("so-olga")).when().get("/api/supervisor/overview")
                .then().statusCode(403);
    }

    private static ValidatableResponse overview() {
        return given().header("Authorization", SUPERVISOR).when().get("/api/supervisor/overview").then()
                .statusCode(200);
    }
}

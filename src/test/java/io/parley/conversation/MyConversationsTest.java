package io.parley.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.RoutingFixtures;
import io.parley.testing.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An operator's held conversations come from the server (a reload or a second tab lists them all), customers waiting
 * for an answer first, with what the desk's list shows.
 */
@QuarkusTest
class MyConversationsTest {

    @Test
    void heldConversationsAreListedMostUrgentFirst() {
        // Given an operator who holds two conversations: one answered, one whose customer wrote twice and waits
        String operator = "desk-" + UUID.randomUUID();
        RoutingFixtures.operator(operator, "desk", 5);
        UUID channel = Api.createInAppChannel("Desk list");
        Api.Visitor answered = Api.anonymousVisitor(channel);
        Api.Visitor waiting = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, answered.token(), "a-1", "Где мой заказ?");
        String answeredSession = Api.sessionOf(channel, answered);
        Api.visitorSays(channel, waiting.token(), "w-1", "Холодильник пришёл разбитым");
        String waitingSession = Api.sessionOf(channel, waiting);
        Api.visitorSays(channel, waiting.token(), "w-2", "x".repeat(300));
        for (String session : new String[] { answeredSession, waitingSession }) {
            given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                    .body(Map.of("operator", operator)).when().put("/api/sessions/{id}/assignee", session)
                    .then().statusCode(200);
        }
        Sessions.reply(answeredSession, "Заказ в пути");

        // When the operator opens the desk (any tab), the list comes from the server
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", RoutingFixtures.token(operator))
                .when().get("/api/operators/me/conversations").then().statusCode(200)
                .body("sessionId", contains(waitingSession, answeredSession))
                .body("[0].unanswered", equalTo(2))
                .body("[0].waitingSince", notNullValue())
                .body("[0].channelType", equalTo("inapp"))
                .body("[0].lastDirection", equalTo("IN"))
                .body("[0].lastPreview", equalTo("x".repeat(140)))
                .body("[1].unanswered", equalTo(0))
                .body("[1].waitingSince", nullValue())
                .body("[1].lastDirection", equalTo("OUT"))
                .body("[1].lastPreview", equalTo("Заказ в пути")));

        // And another operator sees none of them
        given().header("Authorization", RoutingFixtures.token("desk-other-" + UUID.randomUUID()))
                .when().get("/api/operators/me/conversations").then().statusCode(200).body("$", empty());
        given().when().get("/api/operators/me/conversations").then().statusCode(401);
        Sessions.close(answeredSession);
        Sessions.close(waitingSession);
        given().header("Authorization", RoutingFixtures.token(operator))
                .when().get("/api/operators/me/conversations").then().body("$", hasSize(0));
    }
}

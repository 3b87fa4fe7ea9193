package io.parley.channel.inapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.TestTokens;
import io.parley.testing.VisitorSocketClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A visitor writes in the in-app chat, an operator answers over REST, the visitor's WebSocket gets the answer. */
@QuarkusTest
class InAppEndToEndTest {

    @Test
    void visitorMessageReachesTimelineAndOperatorReplyReachesVisitorSocket() throws Exception {
        // Given an in-app channel and a visitor connected to it
        UUID channel = Api.createInAppChannel("Shop site");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        try (VisitorSocketClient socket = VisitorSocketClient.connect(channel, visitor.token());
                KafkaTopics.Reader inbound = KafkaTopics.read("parley.inbound");
                KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {

            // When the visitor writes
            assertThat(Api.visitorSays(channel, visitor.token(), "m-1", "Моя посылка пришла разбитой")).isEqualTo(202);

            // Then the event is on parley.inbound, the message in the customer's timeline, and events are emitted
            assertThat(inbound.await(v -> v.contains(visitor.id()) && v.contains("m-1"))).isNotNull();
            String customer = await().atMost(Duration.ofSeconds(20)).until(
                    () -> Api.customerOf(channel, visitor.id()), id -> id != null);
            String sessionId = given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                    .when().get("/api/customers/{id}/timeline", customer)
                    .then().statusCode(200)
                    .body("messages", hasSize(1))
                    .body("messages[0].text", equalTo("Моя посылка пришла разбитой"))
                    .body("messages[0].direction", equalTo("IN"))
                    .body("messages[0].channelType", equalTo("inapp"))
                    .extract().path("messages[0].sessionId");
            assertThat(events.await(v -> v.contains("io.parley.session.opened") && v.contains(sessionId)))
                    .isNotNull();
            JsonNode received = new ObjectMapper().readTree(
                    events.await(v -> v.contains("io.parley.message.received") && v.contains(sessionId)));
            assertThat(received.path("type").asText()).isEqualTo("io.parley.message.received");
            assertThat(received.path("data").path("text").asText()).isEqualTo("Моя посылка пришла разбитой");

            // When a supervisor assigns the session to an operator, and the operator replies over REST
            given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                    .body(Map.of("operator", "olga"))
                    .when().put("/api/sessions/{id}/assignee", sessionId)
                    .then().statusCode(200).body("assignee", equalTo("olga"));
            String operator = "Bearer " + TestTokens.forSubject("olga", Roles.OPERATOR);
            String replyId = given().header("Authorization", operator).contentType(ContentType.JSON)
                    .body(Map.of("text", "Оформим возврат, пришлите фото", "clientKey", "r-1"))
                    .when().post("/api/sessions/{id}/messages", sessionId)
                    .then().statusCode(201).body("deliveryStatus", equalTo("PENDING")).extract().path("id");

            // Then the visitor's socket receives it, and it becomes SENT
            String frame = socket.next(Duration.ofSeconds(20));
            assertThat(frame).contains("\"type\":\"message\"").contains("Оформим возврат, пришлите фото")
                    .contains(replyId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", operator)
                    .when().get("/api/sessions/{id}", sessionId)
                    .then().body("messages[1].deliveryStatus", equalTo("SENT")));

            // When the widget confirms delivery, then the reply is DELIVERED
            given().contentType(ContentType.JSON).header("X-Visitor-Token", visitor.token())
                    .body(Map.of("messageIds", List.of(replyId), "status", "DELIVERED"))
                    .when().post("/api/inapp/{c}/receipts", channel).then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", operator)
                    .when().get("/api/sessions/{id}", sessionId)
                    .then().body("messages[1].deliveryStatus", equalTo("DELIVERED")));

            // And a visitor who reconnects can fetch what it missed
            given().header("X-Visitor-Token", visitor.token())
                    .when().get("/api/inapp/{c}/messages", channel)
                    .then().statusCode(200)
                    .body("messages", hasSize(2))
                    .body("messages[1].text", equalTo("Оформим возврат, пришлите фото"));
        }
    }

    @Test
    void retriedClientMessageIdGivesOneMessage() {
        UUID channel = Api.createInAppChannel("Retry site");
        Api.Visitor visitor = Api.anonymousVisitor(channel);

        assertThat(Api.visitorSays(channel, visitor.token(), "same-id", "hello")).isEqualTo(202);
        assertThat(Api.visitorSays(channel, visitor.token(), "same-id", "hello")).isEqualTo(202);
        assertThat(Api.visitorSays(channel, visitor.token(), "next-id", "second")).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("X-Visitor-Token", visitor.token())
                .when().get("/api/inapp/{c}/messages", channel)
                .then().body("messages.text", org.hamcrest.Matchers.contains("hello", "second")));
    }

    @Test
    void operatorReplyWithTheSameClientKeyIsStoredOnce() {
        UUID channel = Api.createInAppChannel("Idempotent replies");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "q", "question");
        String sessionId = Api.sessionOf(channel, visitor);
        String supervisor = TestTokens.bearer(Roles.SUPERVISOR);

        String first = given().header("Authorization", supervisor).contentType(ContentType.JSON)
                .body(Map.of("text", "answer", "clientKey", "k-1"))
                .when().post("/api/sessions/{id}/messages", sessionId).then().statusCode(201).extract().path("id");
        String again = given().header("Authorization", supervisor).contentType(ContentType.JSON)
                .body(Map.of("text", "answer", "clientKey", "k-1"))
                .when().post("/api/sessions/{id}/messages", sessionId).then().statusCode(200).extract().path("id");

        assertThat(again).isEqualTo(first);
        given().header("Authorization", supervisor).when().get("/api/sessions/{id}", sessionId)
                .then().body("messages", hasSize(2));
    }

    @Test
    void operatorWithoutAssignmentCannotReadOrReply() {
        UUID channel = Api.createInAppChannel("Access");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "q", "question");
        String sessionId = Api.sessionOf(channel, visitor);
        String stranger = "Bearer " + TestTokens.forSubject("petr", Roles.OPERATOR);

        given().header("Authorization", stranger).when().get("/api/sessions/{id}", sessionId)
                .then().statusCode(403).contentType("application/problem+json");
        String customer = Api.customerOf(channel, visitor.id());
        given().header("Authorization", stranger).when().get("/api/customers/{id}/timeline", customer)
                .then().statusCode(403);
        given().header("Authorization", stranger).contentType(ContentType.JSON)
                .body(Map.of("text", "hi", "clientKey", "x"))
                .when().post("/api/sessions/{id}/messages", sessionId).then().statusCode(403);
    }
}

package io.parley.channel.inapp;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Malformed, oversized, unsigned or misdirected requests are refused with problem+json, and nothing is stored. */
@QuarkusTest
class InAppBadInputTest {

    @Test
    void refusedRequestsStoreNothingAndDisablingKeepsWhatWasAccepted() {
        UUID channel = Api.createInAppChannel("Bad input");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        UUID other = Api.createInAppChannel("Other");
        Api.Visitor stranger = Api.anonymousVisitor(other);

        // No token, a token of another channel, a forged token: 401
        send(channel, null, "{\"clientMessageId\":\"a\",\"text\":\"x\"}").statusCode(401)
                .contentType("application/problem+json");
        send(channel, stranger.token(), "{\"clientMessageId\":\"a\",\"text\":\"x\"}").statusCode(401);
        send(channel, visitor.token() + "x", "{\"clientMessageId\":\"a\",\"text\":\"x\"}").statusCode(401);
        // Malformed JSON, a missing field, a bad field, an empty message: 400 naming the field
        send(channel, visitor.token(), "{\"clientMessageId\":").statusCode(400).contentType("application/problem+json");
        send(channel, visitor.token(), "{\"text\":\"x\"}").statusCode(400)
                .body("errors[0].field", equalTo("clientMessageId"));
        send(channel, visitor.token(), "{\"clientMessageId\":\"has spaces\",\"text\":\"x\"}").statusCode(400)
                .body("errors[0].field", equalTo("clientMessageId"));
        send(channel, visitor.token(), "{\"clientMessageId\":\"b\"}").statusCode(400)
                .body("errors[0].field", equalTo("text"));
        send(channel, visitor.token(), "{\"clientMessageId\":\"c\",\"text\":\"x\",\"attachments\":[{\"url\":"
                + "\"javascript:alert(1)\",\"name\":\"n\",\"mediaType\":\"text/plain\",\"size\":1}]}").statusCode(400)
                .body("errors[0].field", equalTo("attachments[0].url"));
        // Oversized: 413
        send(channel, visitor.token(), "{\"clientMessageId\":\"d\",\"text\":\"" + "я".repeat(600_000) + "\"}")
                .statusCode(413).contentType("application/problem+json");
        // Unknown channel, or not an in-app channel: 404
        send(UUID.randomUUID(), visitor.token(), "{\"clientMessageId\":\"e\",\"text\":\"x\"}").statusCode(404)
                .contentType("application/problem+json");

        // When one good message was accepted and then the channel is disabled
        send(channel, visitor.token(), "{\"clientMessageId\":\"ok\",\"text\":\"accepted before\"}").statusCode(202);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .when().post("/api/admin/channels/{id}/disable?reason=maintenance", channel)
                .then().statusCode(200).body("enabled", equalTo(false));

        // Then new messages are refused, and the accepted one is stored; nothing refused was stored
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> send(channel, visitor.token(),
                "{\"clientMessageId\":\"late\",\"text\":\"after\"}").statusCode(403)
                .contentType("application/problem+json"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", visitor.token())
                .when().get("/api/inapp/{c}/messages", channel)
                .then().statusCode(200).body("messages", hasSize(1))
                .body("messages[0].text", equalTo("accepted before")));
    }

    @Test
    void channelAdminValidatesAndNeverReturnsSecrets() {
        String admin = TestTokens.bearer(Roles.ADMIN);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("type", "carrier-pigeon", "name", "x"))
                .when().post("/api/admin/channels").then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", "x", "secrets", Map.of("identitySecret", "short")))
                .when().post("/api/admin/channels").then().statusCode(400)
                .body("errors[0].field", equalTo("secrets.identitySecret"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp"))
                .when().post("/api/admin/channels").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR)).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", "x", "secrets", Map.of("identitySecret", Api.INAPP_SECRET)))
                .when().post("/api/admin/channels").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR))
                .when().get("/api/admin/channels").then().statusCode(403);

        UUID channel = Api.createInAppChannel("Secrets");
        given().header("Authorization", admin).when().get("/api/admin/channels/{id}", channel)
                .then().statusCode(200)
                .body("secretsSet", hasSize(1)).body("secretsSet[0]", equalTo("identitySecret"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(Api.INAPP_SECRET)));
        given().header("Authorization", admin).when().get("/api/admin/channels/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse send(UUID channel, String token, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("X-Visitor-Token", token);
        }
        return request.when().post("/api/inapp/{c}/messages", channel).then();
    }
}

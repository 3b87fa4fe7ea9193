package io.parley.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.parley.testing.VisitorSocketClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * One client cannot flood an in-app channel with new chats or messages (429 problem+json with Retry-After), hold
 * WebSockets open without authenticating, hold a connection by trickling a body, or frame Parley's pages.
 */
@QuarkusTest
class AbuseLimitsTest {

    @Test
    void newChatsAndMessagesFromOneAddressAreLimitedPerMinute() {
        // Given a channel that allows 3 new chats and 4 messages a minute from one address
        String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", "Limited", "config", Map.of("title", "Limited",
                        "visitorsPerMinute", "3", "messagesPerMinute", "4"),
                        "secrets", Map.of("identitySecret", Api.INAPP_SECRET)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        UUID channel = UUID.fromString(id);
        Api.Visitor first = Api.anonymousVisitor(channel);
        Api.anonymousVisitor(channel);
        Api.anonymousVisitor(channel);

        // When a fourth new chat starts, it is refused with when to try again; resuming and verified users are not
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/inapp/{c}/visitors", channel)
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After",
                        org.hamcrest.Matchers.matchesPattern("[1-9][0-9]?"))
                .body("status", equalTo(429)).body("detail", containsString("at most 3 a minute"));
        given().contentType(ContentType.JSON).body(Map.of("visitorToken", first.token()))
                .when().post("/api/inapp/{c}/visitors", channel).then().statusCode(200);
        Api.verifiedVisitor(channel, "user-42");

        // And the fifth message of the minute is refused, the four before it accepted
        for (int i = 1; i <= 4; i++) {
            assertThat(Api.visitorSays(channel, first.token(), "m-" + i, "message " + i)).isEqualTo(202);
        }
        assertThat(Api.visitorSays(channel, first.token(), "m-5", "message 5")).isEqualTo(429);
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosed() throws Exception {
        UUID channel = Api.createInAppChannel("Silent sockets");
        try (VisitorSocketClient silent = VisitorSocketClient.open(channel)) {
            // parley.abuse.socket-auth-timeout is 3 s in the test profile
            assertThat(silent.next(Duration.ofSeconds(10))).isEqualTo("{\"closed\":1008}");
        }
    }

    @Test
    void aBodyThatTricklesHasItsConnectionClosed() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/inapp/" + UUID.randomUUID() + "/messages HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\":").getBytes(
                            StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();

            // parley.abuse.body-timeout is 3 s in the test profile: the server closes without an answer
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                    Duration.ofSeconds(14));
        }
    }

    @Test
    void consoleAndWidgetPagesRunOnlyTheirOwnFilesAndCannotBeFramed() {
        given().when().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
        given().when().get("/widget/demo.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }
}

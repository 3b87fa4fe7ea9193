package io.parley.channel.email;

import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Mail that cannot be decoded as declared never holds back the mail after it. */
@QuarkusTest
class EmailMalformedMailTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    private static MailServer mail;

    @BeforeAll
    static void start() throws Exception {
        mail = new MailServer();
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    @Test
    void malformedMailsAreTakenInAsWellAsTheyCanBeAndTheMailAfterThemToo() throws Exception {
        // Given an unknown charset, broken base64 and an unknown transfer encoding, then an ordinary mail
        for (String name : List.of("unknown-charset", "invalid-base64", "unknown-encoding", "html-only")) {
            mail.deliver(MailParserTest.fixture(name));
        }

        // When a mailbox channel reads them
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "email", "name", "Malformed " + UUID.randomUUID(), "config", mail.config(),
                        "secrets", Map.of("password", MailServer.PASSWORD)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        UUID channel = UUID.fromString(id);

        // Then the ordinary mail arrives, and each malformed one is a message with what could be read
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.customerOf(channel, "ivan@customer.test") != null);
        String session = sessionOf(channel, "pavel@customer.test");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages", hasSize(3))
                .body("messages.subject", hasItems("Неверная цена", "Broken base64", "Unknown encoding"))
                .body("messages[0].text", containsString("Цена на полке 99")));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.count("INBOX") == 0);
        close(session);
        close(sessionOf(channel, "ivan@customer.test"));
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }
}

package io.parley.channel.email;

import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** IMAP IDLE against a real mail server (GreenMail): new mail is read without waiting for the poll interval. */
@QuarkusTest
class EmailIdleTest {

    @Inject
    Pool pool;

    @Test
    void withImapIdleNewMailIsTakenInAlthoughThePollIntervalIsAnHour() throws Exception {
        try (MailServer mail = new MailServer()) {
            // Given a mailbox channel in IDLE mode that checks every hour otherwise, and has read its empty inbox
            Map<String, String> config = mail.config();
            config.put("pollIntervalSeconds", "3600");
            config.put("imapIdle", "true");
            String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                    .body(Map.of("type", "email", "name", "Idle " + UUID.randomUUID(), "config", config,
                            "secrets", Map.of("password", MailServer.PASSWORD)))
                    .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
            UUID channel = UUID.fromString(id);
            await().atMost(Duration.ofSeconds(60)).until(() -> cursor(channel) != null);

            // When a mail arrives
            mail.deliver(EmailThreadingTest.mail("nina@idle.test", "Hello", "<idle-1@idle.test>", null, null,
                    "Are you there?", null));

            // Then it is taken in (the server's IDLE notice ends the wait)
            close(sessionOf(channel, "nina@idle.test"));
            given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                    .when().post("/api/admin/channels/{id}/disable", channel).then().statusCode(200);
        }
    }

    private String cursor(UUID channel) {
        var rows = pool.preparedQuery("SELECT cursor FROM channel_poll_state WHERE channel_id = $1")
                .execute(Tuple.of(channel)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }
}

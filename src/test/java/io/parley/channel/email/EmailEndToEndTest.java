package io.parley.channel.email;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.reply;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A mailbox end to end against a real IMAP/SMTP server (GreenMail): mail in (decoded, quoted reply cut, a duplicate
 * and an auto-reply not taken in), an attachment opened through Parley, a threaded SMTP reply, read mail moved to the
 * processed folder, and a bounce marking the reply failed.
 */
@QuarkusTest
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class) // one shared mailbox
class EmailEndToEndTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);
    private static final String OLGA = "olga.smirnova@customer.test";

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
    void mailComesInAndTheReplyGoesOutThreaded() throws Exception {
        // Given a customer's mails in the inbox: a first one, an auto-reply, a reply, the same reply again, and another
        // customer's mail last
        for (String name : List.of("mixed-koi8r", "autoreply", "reply-cp1251", "reply-cp1251", "html-only")) {
            mail.deliver(MailParserTest.fixture(name));
        }

        // When a mailbox channel is created
        UUID channel = create();

        // Then the last mail arrives, and the customer has two messages: no duplicate, no auto-reply (chats are
        // processed in parallel, so the other customer's mail may be stored before the second of this one's)
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.customerOf(channel, "ivan@customer.test") != null);
        String session = sessionOf(channel, OLGA);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages.text", org.hamcrest.Matchers.contains("Пересылаю чек и фото.",
                        "Добрый день!\nХолодильник пришёл с вмятиной, что делать?")));

        // And the receipt attached to the first mail opens through Parley
        String url = given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().extract().path("messages[0].attachments[0].url");
        given().header("Authorization", SUPERVISOR).when().get(url.replace("http://localhost:8080", ""))
                .then().statusCode(200).contentType("application/pdf").body(equalTo("%PDF-1.4 fake receipt"))
                .header("Content-Disposition", equalTo(
                        "attachment; filename=\"___-5512.pdf\"; filename*=UTF-8''%D1%87%D0%B5%D0%BA-5512.pdf"))
                .header("X-Content-Type-Options", "nosniff");
        // but not to an operator who may not read the customer's timeline
        given().header("Authorization", "Bearer " + TestTokens.forSubject("stranger", Roles.OPERATOR))
                .when().get(url.replace("http://localhost:8080", "")).then().statusCode(403);

        // When a supervisor replies
        String reply = reply(session, "Оформим замену, курьер приедет завтра.");

        // Then the customer gets a threaded reply with Parley's Message-ID, and it is SENT
        MimeMessage sent = await().atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy(OLGA),
                received -> !received.isEmpty()).get(0);
        assertThat(sent.getSubject()).isEqualTo("Re: Заказ 5512");
        assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<cp1251-reply-1@customer.test>");
        assertThat(sent.getHeader("References", " ")).isEqualTo(
                "<order-5512-created@shop.test> <order-5512-shipped@shop.test> <cp1251-reply-1@customer.test>");
        assertThat(sent.getMessageID()).isEqualTo("<" + reply + "@shop.test>");
        assertThat(((String) sent.getContent()).strip()).isEqualTo("Оформим замену, курьер приедет завтра.");
        awaitStatus(session, reply, "SENT");

        // And mail already taken in is moved out of the inbox
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.count("Parley/Processed") == 5
                && mail.count("INBOX") == 0);

        // When the reply bounces (as OpenSMTPD reports it), then it is FAILED with the server's reason
        mail.deliver(bounceOf("bounce-opensmtpd", "<" + reply + "@shop.test>", OLGA));
        awaitStatus(session, reply, "FAILED");
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session).then()
                .body("messages.find { it.id == '" + reply + "' }.failureReason",
                        equalTo("550 5.1.1 <" + OLGA + ">: Recipient address rejected: User unknown"));
        close(session);
        close(sessionOf(channel, "ivan@customer.test"));

        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }

    @Test
    void theSubjectIsClassifiedAndTheBotsReplyIsThreaded() throws Exception {
        // Given a mail whose spam trigger is only in its subject
        UUID channel = create();
        String spammer = "offers@fuel.test";
        String offerId = "<fuel-offer-" + channel + "@fuel.test>";
        MimeMessage offer = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", offerId); // kept when the mail is saved for delivery
            }
        };
        offer.setFrom(new jakarta.mail.internet.InternetAddress(spammer));
        offer.setRecipients(jakarta.mail.Message.RecipientType.TO, MailServer.ADDRESS);
        offer.setSubject("Оптом: дизельное топливо со склада", "UTF-8");
        offer.setText("Добрый день! Ждём вашего ответа.", "UTF-8");
        mail.deliver(offer);

        // Then it is spam by its subject, and the automatic answer is threaded under it
        MimeMessage answer = await().atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy(spammer),
                received -> !received.isEmpty()).get(0);
        assertThat(answer.getSubject()).isEqualTo("Re: Оптом: дизельное топливо со склада");
        assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(offerId);
        given().header("Authorization", SUPERVISOR).when()
                .get("/api/sessions/{id}/classification", sessionOf(channel, spammer))
                .then().body("spam", equalTo(true));
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }

    private static MimeMessage bounceOf(String fixture, String messageId, String recipient) throws Exception {
        String text = new String(MailParserTest.class.getResourceAsStream("/fixtures/email/" + fixture + ".eml")
                .readAllBytes(), StandardCharsets.UTF_8)
                .replace("<BOUNCED-ID@shop.test>", messageId).replace("Gone@customer.test", recipient)
                .replace("gone@customer.test", recipient);
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static UUID create() {
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "email", "name", "Support mailbox " + UUID.randomUUID(), "config", mail.config(),
                        "secrets", Map.of("password", MailServer.PASSWORD)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}

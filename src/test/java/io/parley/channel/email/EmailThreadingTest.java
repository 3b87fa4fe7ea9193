package io.parley.channel.email;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.reply;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Email threading against a real mail server (GreenMail): In-Reply-To and References naming a stored Message-ID of
 * either direction join that conversation whoever sends them; the subject joins the same customer's thread within the
 * topic window only. Also the subject and the HTML body as operators get them.
 */
@QuarkusTest
class EmailThreadingTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    Pool pool;

    @Test
    void aReplyNamingAStoredMessageIdJoinsThatConversationFromAnyAddress() throws Exception {
        try (MailServer mail = new MailServer()) {
            // Given a customer's HTML mail and Parley's reply to it
            mail.deliver(mail("anna@kettle.test", "Broken kettle", "<k1@kettle.test>", null, null,
                    "The kettle leaks.", "<p>The kettle <b>leaks</b>.</p><script>alert(1)</script>"));
            UUID channel = create(mail);
            String session = sessionOf(channel, "anna@kettle.test");
            String reply = reply(session, "Please send a photo.");
            MimeMessage sent = await().atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy("anna@kettle.test"),
                    received -> !received.isEmpty()).get(0);
            String ours = sent.getMessageID();
            awaitStatus(session, reply, "SENT");

            // When a colleague answers Parley's reply from another address, under another subject
            mail.deliver(mail("boris@kettle.test", "Photo of the kettle", "<k2@kettle.test>", ours, ours,
                    "Photo attached.", null));

            // Then it lands in the same session, and the colleague's address joins the customer
            awaitText(session, "Photo attached.");
            assertThat(Api.customerOf(channel, "boris@kettle.test"))
                    .isEqualTo(Api.customerOf(channel, "anna@kettle.test"));

            // When a third address writes with an unknown In-Reply-To but References naming the customer's first mail
            mail.deliver(mail("carl@elsewhere.test", "Fwd: question", "<k3@elsewhere.test>",
                    "<unknown@nowhere.test>", "<k1@kettle.test> <unknown@nowhere.test>", "Forwarding from my desk.",
                    null));

            // Then it joins the same session too
            awaitText(session, "Forwarding from my desk.");

            // And the operator sees the subjects; the HTML is served as sent, under a CSP that runs and loads nothing
            given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session).then()
                    .body("messages[0].subject", equalTo("Broken kettle"))
                    .body("messages[0].text", equalTo("The kettle leaks."))
                    .body("messages.subject", hasItem("Photo of the kettle"))
                    .body("messages[1].htmlUrl", equalTo(null));
            String html = given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                    .then().extract().path("messages[0].htmlUrl");
            given().header("Authorization", SUPERVISOR).when().get(html).then().statusCode(200)
                    .contentType("text/html")
                    .header("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(equalTo("<p>The kettle <b>leaks</b>.</p><script>alert(1)</script>"));
            given().header("Authorization", "Bearer " + TestTokens.forSubject("not-holding-it", Roles.OPERATOR)).when()
                    .get(html)
                    .then().statusCode(403);
            String customer = Api.customerOf(channel, "anna@kettle.test");
            given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", customer)
                    .then().body("messages.subject", hasItem("Broken kettle"));
            close(session);
        }
    }

    @Test
    void theSubjectJoinsTheSameCustomersThreadWithinTheWindowOnly() throws Exception {
        try (MailServer mail = new MailServer()) {
            UUID channel = create(mail);
            // Given a customer's closed conversation about an order (closed beyond the reopen window)
            mail.deliver(mail("dora@shop-customer.test", "Order 42", "<d1@shop-customer.test>", null, null,
                    "Where is order 42?", null));
            String order = sessionOf(channel, "dora@shop-customer.test");
            close(order);
            shift("UPDATE sessions SET closed_at = now() - interval '2 days' WHERE id = $1", order);

            // And a later, separate conversation about an invoice, closed more recently
            mail.deliver(mail("dora@shop-customer.test", "Invoice question", "<d2@shop-customer.test>", null, null,
                    "Please resend the invoice.", null));
            String invoice = awaitSessionWith(channel, "dora@shop-customer.test", "Please resend the invoice.");
            assertThat(invoice).isNotEqualTo(order);
            close(invoice);
            shift("UPDATE sessions SET closed_at = now() - interval '2 hours' WHERE id = $1", order);
            shift("UPDATE sessions SET closed_at = now() - interval '1 hour' WHERE id = $1", invoice);

            // When she writes again under the order's subject, without threading headers
            mail.deliver(mail("dora@shop-customer.test", "RE: AW: Order 42", "<d3@shop-customer.test>", null, null,
                    "Any news on the order?", null));

            // Then the order's conversation is reopened, not the latest one
            awaitText(order, "Any news on the order?");

            // When another customer writes under the same subject, then it does not join her conversation
            mail.deliver(mail("erik@other-customer.test", "Re: Order 42", "<e1@other-customer.test>", null, null,
                    "Is this about my order?", null));
            String erik = sessionOf(channel, "erik@other-customer.test");
            assertThat(erik).isNotEqualTo(order);
            close(erik);

            // When the order's messages are older than the topic window (7 days)
            close(order);
            shift("UPDATE messages SET sent_at = now() - interval '8 days' WHERE session_id = $1", order);
            shift("UPDATE sessions SET closed_at = now() - interval '2 hours' WHERE id = $1", order);
            shift("UPDATE sessions SET closed_at = now() - interval '1 hour' WHERE id = $1", invoice);
            mail.deliver(mail("dora@shop-customer.test", "Re[2]: Order 42", "<d4@shop-customer.test>", null, null,
                    "Hello again about the order.", null));

            // Then the subject no longer matches: the latest conversation is reopened as usual
            awaitText(invoice, "Hello again about the order.");
            close(invoice);
        }
    }

    private void shift(String sql, String session) {
        pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(session))).await().indefinitely();
    }

    private static String awaitSessionWith(UUID channel, String address, String text) {
        String customer = Api.customerOf(channel, address);
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}/timeline", customer).then().extract()
                .<List<Map<String, Object>>> path("messages").stream().filter(m -> text.equals(m.get("text")))
                .map(m -> (String) m.get("sessionId")).findFirst().orElse(null), id -> id != null);
    }

    private static void awaitText(String session, String text) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("messages.text", hasItem(text)));
    }

    static MimeMessage mail(String from, String subject, String messageId, String inReplyTo, String references,
            String text, String html) throws MessagingException {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(MailServer.ADDRESS));
        mail.setSubject(subject, "UTF-8");
        mail.setSentDate(new Date());
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", inReplyTo);
        }
        if (references != null) {
            mail.setHeader("References", references);
        }
        if (html == null) {
            mail.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            mail.setContent(new MimeMultipart("alternative", plain, rich));
        }
        mail.saveChanges();
        return mail;
    }

    private static UUID create(MailServer mail) {
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "email", "name", "Threads " + UUID.randomUUID(), "config", mail.config(),
                        "secrets", Map.of("password", MailServer.PASSWORD)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}

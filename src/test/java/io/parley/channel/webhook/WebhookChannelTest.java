package io.parley.channel.webhook;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.reply;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.FakeHttpServer;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * An integrator's signed webhook channel end to end: registration with the integrator role, signed inbound deliveries
 * (duplicates give one message; forged, stale and malformed ones are refused), and signed outbound replies to a fake
 * integrator endpoint with retries under one delivery id and a dead letter when it keeps failing.
 */
@QuarkusTest
class WebhookChannelTest {

    private static final String SECRET = WebhookConformanceTest.SECRET;
    private static final String INTEGRATOR = TestTokens.bearer(Roles.INTEGRATOR);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    /** How many times the fake integrator has been called per chat. */
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private static FakeHttpServer integrator;

    @BeforeAll
    static void startIntegrator() throws Exception {
        // chats named "flaky-…" fail twice with 503, "broken-…" always with 500, others succeed
        integrator = FakeHttpServer.start(request -> {
            String chat = new JsonObject(request.body()).getString("chatId");
            int call = CALLS.computeIfAbsent(chat, k -> new AtomicInteger()).incrementAndGet();
            if (chat.startsWith("broken-") || (chat.startsWith("flaky-") && call <= 2)) {
                return FakeHttpServer.Answer.json(chat.startsWith("broken-") ? 500 : 503, "{}");
            }
            return FakeHttpServer.Answer.json(200, "{\"ok\":true}");
        });
    }

    @AfterAll
    static void stopIntegrator() {
        integrator.close();
    }

    @Test
    void integratorRegistersAChannelAndAMessageGoesInAndTheReplyComesBackSigned() {
        UUID channel = register();
        String chat = "order-" + UUID.randomUUID();
        String body = message(chat, "m-1", "Где мой заказ 5512?");

        // When the integrator delivers the same signed message twice
        deliver(channel, body, now()).then().statusCode(202).body("accepted", equalTo(1));
        deliver(channel, body, now()).then().statusCode(202);

        // Then the customer's timeline has it once
        String session = sessionOf(channel, "cust-" + chat);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages", hasSize(1)).body("messages[0].text", equalTo("Где мой заказ 5512?"));

        // When a supervisor replies
        String reply = reply(session, "Заказ в пути, будет завтра");

        // Then the integrator receives it signed, with the reply's id as delivery id, and the reply is SENT
        FakeHttpServer.Request received = await().atMost(Duration.ofSeconds(20))
                .until(() -> callsFor(chat), calls -> !calls.isEmpty()).get(0);
        assertThat(received.header("X-Parley-Delivery")).isEqualTo(reply);
        assertThat(received.header("X-Parley-Signature")).isEqualTo(Signatures.sign(SECRET,
                received.header("X-Parley-Timestamp"), received.body().getBytes(StandardCharsets.UTF_8)));
        JsonObject sent = new JsonObject(received.body());
        assertThat(sent.getString("deliveryId")).isEqualTo(reply);
        assertThat(sent.getString("text")).isEqualTo("Заказ в пути, будет завтра");
        assertThat(sent.getString("inReplyTo")).isEqualTo("m-1");
        awaitStatus(session, reply, "SENT");
        close(session);
    }

    @Test
    void forgedStaleMalformedMisroutedAndDisabledDeliveriesAreRefusedWithProblems() {
        UUID channel = register();
        String body = message("order-x", "m-1", "hello");
        String timestamp = now();

        given().contentType(ContentType.JSON).header("X-Parley-Timestamp", timestamp)
                .header("X-Parley-Signature", Signatures.sign("another-secret-0123456789abcdef0123", timestamp,
                        body.getBytes(StandardCharsets.UTF_8)))
                .body(body).when().post("/webhooks/webhook/{id}", channel)
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/webhook/{id}", channel)
                .then().statusCode(401).contentType("application/problem+json");
        deliver(channel, body, String.valueOf(Instant.now().minusSeconds(600).getEpochSecond()))
                .then().statusCode(401).contentType("application/problem+json");
        // and the three refusals are counted for this channel
        given().when().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "parley_webhook_refused_total{channel=\"" + channel + "\",channel_type=\"webhook\"} 3.0"));
        deliver(channel, "{\"messageId\":\"m-2\",\"text\":\"hi\"}", now())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("chatId"));
        deliver(channel, "not json", now())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/telegram/{id}", channel)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", INTEGRATOR).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
        deliver(channel, body, now()).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void failedRepliesAreRetriedUnderOneDeliveryIdAndFinallyDeadLettered() {
        UUID channel = register();
        String flaky = "flaky-" + UUID.randomUUID();
        String broken = "broken-" + UUID.randomUUID();
        deliver(channel, message(flaky, "f-1", "first"), now()).then().statusCode(202);
        deliver(channel, message(broken, "b-1", "second"), now()).then().statusCode(202);
        String flakySession = sessionOf(channel, "cust-" + flaky);
        String brokenSession = sessionOf(channel, "cust-" + broken);

        String retried = reply(flakySession, "answer one");
        String lost = reply(brokenSession, "answer two");

        awaitStatus(flakySession, retried, "SENT");
        assertThat(callsFor(flaky)).hasSize(3).allMatch(r -> retried.equals(r.header("X-Parley-Delivery")));
        awaitStatus(brokenSession, lost, "FAILED");
        given().header("Authorization", ADMIN).queryParam("channelId", channel)
                .when().get("/api/admin/dead-letters")
                .then().statusCode(200).body("", hasSize(1))
                .body("[0].messageId", equalTo(lost))
                .body("[0].failure", equalTo("integrator answered HTTP 500"));
        close(flakySession);
        close(brokenSession);
    }

    @Test
    void aSecretLeftOutIsGeneratedAndShownOnlyOnce() {
        var created = given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", "CRM generated", "config",
                        Map.of("url", integrator.baseUrl() + "/parley/replies")))
                .when().post("/api/admin/channels").then().statusCode(201)
                .body("secretsSet", org.hamcrest.Matchers.contains("signingSecret")).extract();
        String secret = created.path("generatedSecrets.signingSecret");
        UUID channel = UUID.fromString(created.path("id"));
        assertThat(secret).matches("[0-9a-f]{64}");

        given().header("Authorization", INTEGRATOR).when().get("/api/admin/channels/{id}", channel)
                .then().statusCode(200).body("generatedSecrets", org.hamcrest.Matchers.nullValue());
        String body = "{\"type\":\"delivery\",\"chatId\":\"order-g\",\"messageId\":\"g-1\",\"status\":\"READ\"}";
        String timestamp = now();
        given().contentType(ContentType.JSON).header("X-Parley-Timestamp", timestamp)
                .header("X-Parley-Signature", Signatures.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).when().post("/webhooks/webhook/{id}", channel).then().statusCode(202);
    }

    @Test
    void integratorsManageOnlyWebhookChannels() {
        given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", "not mine", "secrets",
                        Map.of("identitySecret", "0123456789abcdef-secret")))
                .when().post("/api/admin/channels").then().statusCode(403);
        given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", "no url", "secrets", Map.of("signingSecret", SECRET)))
                .when().post("/api/admin/channels")
                .then().statusCode(400).body("errors[0].field", equalTo("config.url"));
    }

    private static UUID register() {
        String id = given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", "CRM " + UUID.randomUUID(),
                        "config", Map.of("url", integrator.baseUrl() + "/parley/replies"),
                        "secrets", Map.of("signingSecret", SECRET)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static String message(String chat, String id, String text) {
        return new JsonObject().put("chatId", chat).put("messageId", id).put("text", text)
                .put("sender", new JsonObject().put("id", "cust-" + chat).put("name", "Ivan")).encode();
    }

    private static io.restassured.response.Response deliver(UUID channel, String body, String timestamp) {
        return given().contentType(ContentType.JSON).header("X-Parley-Timestamp", timestamp)
                .header("X-Parley-Signature", Signatures.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/webhooks/webhook/{id}", channel);
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static List<FakeHttpServer.Request> callsFor(String chat) {
        return integrator.requests().stream()
                .filter(r -> chat.equals(new JsonObject(r.body()).getString("chatId"))).toList();
    }
}

package io.parley.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.assertj.core.groups.Tuple;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.parley.events.EventPublisher;
import io.parley.security.Roles;
import io.parley.testing.FakeHttpServer;
import io.parley.testing.FakeHttpServer.Answer;
import io.parley.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Outgoing webhooks end to end: events published through the outbox reach local HTTP receivers signed per Standard
 * Webhooks (checked with the npm {@code standardwebhooks} package), in order per key across an outage, dead-lettered
 * after the retry window (6 s in tests), replayed, and a failing subscription is disabled with an event.
 */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    EventPublisher events;

    @Inject
    ObjectMapper json;

    @Test
    void deliveriesAreSignedPerStandardWebhooksAndCarryTheCloudEvent() throws Throwable {
        String prefix = prefix();
        String secret = secret();
        try (FakeHttpServer receiver = FakeHttpServer.start(r -> Answer.json(204, null))) {
            // Given a subscription to the prefix's types whose filter keeps events with data.n >= 2
            String id = subscribe(receiver.baseUrl() + "/hook", List.of(prefix + ".*"), "data.n >= 2", secret);

            // When four events are published: n = 1, 2, 3 of a matching type, and one of another type
            publish(prefix + ".happened", "key-a", 1);
            publish(prefix + ".happened", "key-a", 2);
            publish(prefix + ".happened", "key-a", 3);
            publish(prefix + "x.other", "key-a", 4);

            // Then the receiver gets n = 2 and 3, in order, each verified by the independent verifier
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/hook").size() >= 2);
            Thread.sleep(500);
            List<FakeHttpServer.Request> received = receiver.requests("/hook");
            assertThat(received).hasSize(2);
            assertThat(StandardWebhooksVerifier.verify(secret, received))
                    .extracting(StandardWebhooksVerifier.Verdict::ok, StandardWebhooksVerifier.Verdict::type)
                    .containsExactly(Tuple.tuple(true, prefix + ".happened"),
                            Tuple.tuple(true, prefix + ".happened"));
            // and a wrong secret fails there (the verifier really checks)
            assertThat(StandardWebhooksVerifier.verify(secret(), received))
                    .allSatisfy(v -> assertThat(v.error()).contains("No matching signature"));

            // and the body is the structured CloudEvent, as the CloudEvents SDK reads it
            EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
            CloudEvent event = format.deserialize(received.get(0).body().getBytes(StandardCharsets.UTF_8));
            assertThat(event.getType()).isEqualTo(prefix + ".happened");
            assertThat(event.getSource()).hasToString("/parley");
            assertThat(json.readTree(event.getData().toBytes()).path("n").asInt()).isEqualTo(2);
            assertThat(json.readTree(received.get(1).body()).path("data").path("n").asInt()).isEqualTo(3);
            assertThat(received.get(0).header("content-type")).startsWith("application/cloudevents+json");

            // and the log shows each delivery, by the id sent as webhook-id, delivered at the first attempt
            List<Map<String, Object>> log = deliveries(id, null);
            assertThat(log).hasSize(2).allSatisfy(d -> {
                assertThat(d.get("state")).isEqualTo("DELIVERED");
                assertThat(d.get("attempts")).isEqualTo(1);
                assertThat(d.get("lastStatus")).isEqualTo(204);
                assertThat((Integer) d.get("lastLatencyMs")).isBetween(0, 2000);
            });
            assertThat(log).extracting(d -> d.get("id"))
                    .containsExactlyInAnyOrder(received.get(0).header("webhook-id"), received.get(1).header("webhook-id"));
            delete(id);
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneAndSecretsAreNeverReturned() throws Throwable {
        String prefix = prefix();
        String oldSecret = secret();
        String newSecret = secret();
        try (FakeHttpServer receiver = FakeHttpServer.start(r -> Answer.json(200, "{}"))) {
            String id = subscribe(receiver.baseUrl() + "/hook", List.of(prefix + ".rotated"), null, oldSecret);

            // When the secret is rotated and an event is published
            String view = given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR))
                    .contentType(ContentType.JSON).body(Map.of("secret", newSecret))
                    .when().post("/api/webhooks/subscriptions/{id}/secrets", id)
                    .then().statusCode(200).extract().asString();
            publish(prefix + ".rotated", "key-r", 1);

            // Then the delivery carries two signatures, and a receiver holding either secret accepts it
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/hook").size() == 1);
            List<FakeHttpServer.Request> received = receiver.requests("/hook");
            assertThat(received.get(0).header("webhook-signature").split(" ")).hasSize(2)
                    .allSatisfy(s -> assertThat(s).startsWith("v1,"));
            assertThat(StandardWebhooksVerifier.verify(oldSecret, received)).allMatch(StandardWebhooksVerifier.Verdict::ok);
            assertThat(StandardWebhooksVerifier.verify(newSecret, received)).allMatch(StandardWebhooksVerifier.Verdict::ok);

            // and the API shows the two secrets by fingerprint only
            JsonNode shown = json.readTree(view);
            assertThat(shown.path("secrets")).hasSize(2);
            assertThat(shown.path("secrets").get(0).path("fingerprint").asText()).hasSize(8);
            assertThat(shown.path("secrets").get(0).path("expiresAt").isNull()).isTrue();
            assertThat(shown.path("secrets").get(1).path("expiresAt").isTextual()).isTrue();
            assertThat(view).doesNotContain(oldSecret.substring(6, 20)).doesNotContain(newSecret.substring(6, 20));
            delete(id);
        }
    }

    @Test
    void aReceiverThatIsDownLosesNothingAndKeepsTheOrderPerKey() throws Throwable {
        String prefix = prefix();
        String secret = secret();
        long upAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try (FakeHttpServer receiver = FakeHttpServer.start(
                r -> r.receivedAtNanos() < upAt ? Answer.json(503, "{}") : Answer.json(200, "{}"))) {
            String id = subscribe(receiver.baseUrl() + "/hook", List.of(prefix + ".*"), null, secret);

            // Given 30 events on three keys, published while the receiver answers 503 (for 3 s)
            for (int n = 0; n < 30; n++) {
                publish(prefix + ".step", "key-" + (n % 3), n);
            }

            // When it comes back, then every event arrives, each key's in the order published
            await().atMost(Duration.ofSeconds(30)).until(() -> firstReceipts(receiver, upAt).size() == 30);
            Map<String, List<Integer>> perKey = new TreeMap<>();
            for (FakeHttpServer.Request request : firstReceipts(receiver, upAt)) {
                JsonNode event = json.readTree(request.body());
                perKey.computeIfAbsent(event.path("subject").asText(), k -> new ArrayList<>())
                        .add(event.path("data").path("n").asInt());
            }
            assertThat(perKey).containsOnlyKeys("key-0", "key-1", "key-2");
            perKey.forEach((key, ns) -> assertThat(ns).hasSize(10).isSorted());
            // and the first deliveries of each key were retried while it was down
            assertThat(receiver.requests("/hook").stream().filter(r -> r.receivedAtNanos() < upAt).count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(deliveries(id, "DELIVERED")).hasSize(30);
            assertThat(StandardWebhooksVerifier.verify(secret, firstReceipts(receiver, upAt)))
                    .allMatch(StandardWebhooksVerifier.Verdict::ok);
            delete(id);
        }
    }

    @Test
    void aDeliveryIsDeadLetteredAfterTheRetryWindowAndReplayedWithItsId() throws Throwable {
        String prefix = prefix();
        AtomicInteger status = new AtomicInteger(500);
        try (FakeHttpServer receiver = FakeHttpServer.start(r -> Answer.json(status.get(), "{}"))) {
            String id = subscribe(receiver.baseUrl() + "/hook", List.of(prefix + ".*"), null, secret());
            OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

            // Given two events a receiver refuses until the retry window (6 s in tests) is over
            publish(prefix + ".one", "key-d1", 1);
            publish(prefix + ".two", "key-d2", 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id, "DEAD").size() == 2);
            Map<String, Object> dead = deliveries(id, "DEAD").stream()
                    .filter(d -> d.get("type").equals(prefix + ".one")).findFirst().orElseThrow();
            assertThat((Integer) dead.get("attempts")).isGreaterThanOrEqualTo(3);
            assertThat(dead.get("lastStatus")).isEqualTo(500);
            Map<String, Object> detail = given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                    .when().get("/api/webhooks/subscriptions/{s}/deliveries/{d}", id, dead.get("id"))
                    .then().statusCode(200).extract().jsonPath().getMap("");
            assertThat((List<?>) detail.get("log")).hasSize((Integer) dead.get("attempts"));
            int refusedBefore = receiver.requests("/hook").size();

            // When the receiver is fixed and one delivery is replayed
            status.set(200);
            given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR))
                    .when().post("/api/webhooks/subscriptions/{s}/deliveries/{d}/replay", id, dead.get("id"))
                    .then().statusCode(202);

            // Then it arrives with the same webhook-id; the other stays dead until the range is replayed
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(id, "DELIVERED").size() == 1);
            List<FakeHttpServer.Request> after = receiver.requests("/hook").subList(refusedBefore,
                    receiver.requests("/hook").size());
            assertThat(after).extracting(r -> r.header("webhook-id")).containsOnly((String) dead.get("id"));
            assertThat(deliveries(id, "DEAD")).hasSize(1);
            int replayed = given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR))
                    .contentType(ContentType.JSON)
                    .body(Map.of("from", before.toString(), "to", OffsetDateTime.now(ZoneOffset.UTC).toString()))
                    .when().post("/api/webhooks/subscriptions/{s}/replay", id)
                    .then().statusCode(202).extract().path("replayed");
            assertThat(replayed).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(id, "DELIVERED").size() == 2);
            delete(id);
        }
    }

    @Test
    void aFailureStreakDisablesTheSubscriptionAndPublishesAnEvent() throws Throwable {
        String prefix = prefix();
        try (FakeHttpServer failing = FakeHttpServer.start(r -> Answer.json(500, "{}"));
                FakeHttpServer watcher = FakeHttpServer.start(r -> Answer.json(200, "{}"))) {
            String id = subscribe(failing.baseUrl() + "/hook", List.of(prefix + ".*"), null, secret());
            String watching = subscribe(watcher.baseUrl() + "/hook", List.of("io.parley.webhook.*"),
                    "subject == '" + id + "'", secret());

            // Given a receiver that fails every attempt, for ten conversations at once
            for (int n = 0; n < 10; n++) {
                publish(prefix + ".fail", "key-f" + n, n);
            }

            // Then after 25 failures in a row (the test setting) the subscription is disabled
            await().atMost(Duration.ofSeconds(30)).until(() -> !subscription(id).path("enabled").asBoolean());
            JsonNode disabled = subscription(id);
            assertThat(disabled.path("failureStreak").asInt()).isGreaterThanOrEqualTo(25);
            assertThat(disabled.path("disabledReason").asText()).endsWith("failed attempts in a row");

            // and the other subscription receives io.parley.webhook.subscription-disabled about it
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.requests("/hook").size() == 1);
            JsonNode event = json.readTree(watcher.requests("/hook").get(0).body());
            assertThat(event.path("type").asText()).isEqualTo("io.parley.webhook.subscription-disabled");
            assertThat(event.path("data").path("subscriptionId").asText()).isEqualTo(id);
            assertThat(event.path("data").path("lastStatus").asText()).isEqualTo("500");

            // and no attempt is made any more while it is disabled
            int attempts = failing.requests().size();
            Thread.sleep(2000);
            assertThat(failing.requests()).hasSize(attempts);
            delete(id);
            delete(watching);
        }
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingTheField() {
        String url = "http://127.0.0.1:1/hook";
        assertRefused(Map.of("url", "ftp://example.com/x", "types", List.of("a.b"), "secret", secret()), "url");
        assertRefused(Map.of("url", url, "types", List.of("a b"), "secret", secret()), "types[0]");
        assertRefused(Map.of("url", url, "types", List.of("a.*"), "filter", "data.n >", "secret", secret()),
                "filter");
        assertRefused(Map.of("url", url, "types", List.of("a.*"), "secret", "not-a-secret"), "secret");
        assertRefused(Map.of("url", url, "types", List.of("a.*")), "secret");
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "types", List.of("a.*"), "secret", secret()))
                .when().post("/api/webhooks/subscriptions").then().statusCode(403);
    }

    private static void assertRefused(Map<String, Object> body, String field) {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON).body(body)
                .when().post("/api/webhooks/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", Matchers.equalTo(field));
    }

    /** The first receipt of each delivery at or after {@code since}. */
    private static List<FakeHttpServer.Request> firstReceipts(FakeHttpServer receiver, long since) {
        Set<String> ids = new HashSet<>();
        return receiver.requests("/hook").stream()
                .filter(r -> r.receivedAtNanos() >= since && ids.add(r.header("webhook-id"))).toList();
    }

    private static String prefix() {
        return "io.parley.test.w" + UUID.randomUUID().toString().replace("-", "");
    }

    static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String subscribe(String url, List<String> types, String filter, String secret) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "types", types, "secret", secret));
        if (filter != null) {
            body.put("filter", filter);
        }
        return given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR)).contentType(ContentType.JSON)
                .body(body).when().post("/api/webhooks/subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    private JsonNode subscription(String id) throws Exception {
        return json.readTree(given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .when().get("/api/webhooks/subscriptions/{id}", id).then().statusCode(200).extract().asString());
    }

    private static List<Map<String, Object>> deliveries(String id, String state) {
        var request = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).queryParam("limit", 500);
        if (state != null) {
            request = request.queryParam("state", state);
        }
        return request.when().get("/api/webhooks/subscriptions/{id}/deliveries", id)
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static void delete(String id) {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .when().delete("/api/webhooks/subscriptions/{id}", id).then().statusCode(204);
    }

    private void publish(String type, String key, int n) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> events.publish(type, key, key, Map.of("n", n))));
    }
}

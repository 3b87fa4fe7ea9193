package io.parley.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

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
 * Fan-out: 500 events on 50 keys to 10 subscriptions; every subscription gets every event exactly once, each key's in
 * order. Prints the publishing rate and the commit-to-receipt latency (p50/p99/max) of the 5,000 deliveries.
 */
@QuarkusTest
class WebhookFanOutTest {

    private static final int EVENTS = 500;
    private static final int SUBSCRIPTIONS = 10;

    @Inject
    EventPublisher events;

    @Inject
    ObjectMapper json;

    @Test
    void tenSubscriptionsReceiveEveryEventOnceInOrderPerKey() throws Throwable {
        String type = "io.parley.test.fan" + UUID.randomUUID().toString().replace("-", "");
        Map<Integer, Long> committedAt = new ConcurrentHashMap<>();
        try (FakeHttpServer receiver = FakeHttpServer.start(r -> Answer.json(200, "{}"))) {
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                ids.add(given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR))
                        .contentType(ContentType.JSON)
                        .body(Map.of("url", receiver.baseUrl() + "/s" + s, "types", List.of(type),
                                "secret", WebhookDeliveryTest.secret()))
                        .when().post("/api/webhooks/subscriptions").then().statusCode(201).extract().path("id"));
            }

            // When 500 events on 50 keys are published, one transaction each
            long start = System.nanoTime();
            for (int n = 0; n < EVENTS; n++) {
                String key = "fan-" + (n % 50);
                int number = n;
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                        () -> events.publish(type, key, key, Map.of("n", number))));
                committedAt.put(n, System.nanoTime());
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            // Then each subscription receives each event once, and each key's events in order
            await().atMost(Duration.ofSeconds(120)).until(() -> receiver.requests().size() >= EVENTS * SUBSCRIPTIONS);
            Thread.sleep(1000);
            assertThat(receiver.requests()).hasSize(EVENTS * SUBSCRIPTIONS);
            List<Long> latencies = new ArrayList<>();
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                List<FakeHttpServer.Request> got = receiver.requests("/s" + s);
                assertThat(got).hasSize(EVENTS);
                Map<String, Integer> last = new ConcurrentHashMap<>();
                for (FakeHttpServer.Request request : got) {
                    var event = json.readTree(request.body());
                    int n = event.path("data").path("n").asInt();
                    Integer previous = last.put(event.path("subject").asText(), n);
                    assertThat(previous == null || previous < n).as("order of %s", event.path("subject")).isTrue();
                    latencies.add(TimeUnit.NANOSECONDS.toMicros(request.receivedAtNanos() - committedAt.get(n)));
                }
                assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(EVENTS);
            }
            latencies.sort(null);
            System.out.printf("webhook fan-out: %d events published at %.0f/s to %d subscriptions; commit-to-receipt"
                    + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", EVENTS, EVENTS / seconds, SUBSCRIPTIONS,
                    latencies.get(latencies.size() / 2) / 1000.0, latencies.get(latencies.size() * 99 / 100) / 1000.0,
                    latencies.getLast() / 1000.0);
            ids.forEach(id -> given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                    .when().delete("/api/webhooks/subscriptions/{id}", id).then().statusCode(204));
        }
    }
}

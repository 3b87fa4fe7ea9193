package io.parley.metrics;

import static io.parley.testing.Metrics.scrape;
import static io.parley.testing.Metrics.value;
import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.RoutingFixtures;
import io.parley.testing.Sessions;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Parley's own series at {@code /q/metrics} move with what happens: messages, offers, routing, the database gauges
 * (refreshed every second in tests); and no label carries an operator or a conversation.
 */
@QuarkusTest
class ParleyMetricsTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void messagesOffersAndQueueGaugesFollowTheTraffic() {
        // Given a queue served by one offline operator
        UUID channel = Api.createInAppChannel("Metrics");
        queue("mx-team", queueOf("operator.groups HAS 'mx-team'", 60, false));
        rules(channel, List.of(Map.of("queue", "mx-team")));
        operator("mx-olga", "mx-team", 2);
        double in = value("parley_messages_in_total", "channel_type", "inapp");
        double out = value("parley_messages_out_total", "channel_type", "inapp");
        double made = value("parley_offers_total", "queue", "mx-team", "outcome", "made");
        double routed = value("parley_routing_decision_seconds_count");

        // When a visitor writes
        Api.Visitor first = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, first.token(), "1", "Где мой заказ?");
        String firstSession = Api.sessionOf(channel, first);

        // Then the message is counted, and after a refresh the conversation waits in its queue's gauges
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(value("parley_messages_in_total", "channel_type", "inapp")).isEqualTo(in + 1);
            assertThat(value("parley_queue_waiting", "queue", "mx-team")).isEqualTo(1);
            assertThat(value("parley_queue_oldest_wait_seconds", "queue", "mx-team")).isGreaterThan(0);
            assertThat(value("parley_operators", "status", "OFFLINE")).isGreaterThanOrEqualTo(1);
        });

        // When the operator becomes available and declines the offer
        status("mx-olga", "AVAILABLE");
        String offer = RoutingFixtures.awaitOffer("mx-olga", firstSession, WITHIN);
        given().header("Authorization", token("mx-olga")).when().post("/api/offers/{id}/decline", offer)
                .then().statusCode(204);

        // And a second visitor's conversation is offered and accepted, and answered
        Api.Visitor second = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, second.token(), "1", "Верните деньги");
        String secondSession = Api.sessionOf(channel, second);
        String accepted = RoutingFixtures.awaitOffer("mx-olga", secondSession, WITHIN);
        given().header("Authorization", token("mx-olga")).when().post("/api/offers/{id}/accept", accepted)
                .then().statusCode(204);
        Sessions.awaitStatus(secondSession, Sessions.reply(secondSession, "Оформим возврат"), "SENT");

        // Then offers, routing time and the reply are counted per queue and channel type
        assertThat(value("parley_offers_total", "queue", "mx-team", "outcome", "made")).isEqualTo(made + 2);
        assertThat(value("parley_offers_total", "queue", "mx-team", "outcome", "declined")).isGreaterThanOrEqualTo(1);
        assertThat(value("parley_offers_total", "queue", "mx-team", "outcome", "accepted")).isGreaterThanOrEqualTo(1);
        assertThat(value("parley_routing_decision_seconds_count")).isGreaterThanOrEqualTo(routed + 2);
        await().atMost(WITHIN).untilAsserted(
                () -> assertThat(value("parley_messages_out_total", "channel_type", "inapp")).isEqualTo(out + 1));
        // And the declined conversation still waits (its operator is excluded), the assigned one does not
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(value("parley_queue_waiting", "queue", "mx-team")).isEqualTo(1);
            assertThat(value("parley_operators", "status", "AVAILABLE")).isGreaterThanOrEqualTo(1);
        });

        // And the platform series exist, and no label names an operator or a conversation
        String metrics = scrape();
        assertThat(metrics).contains("parley_push_connections ", "parley_outbox_backlog ",
                "parley_outbox_lag_seconds ", "parley_dead_letters{channel_type=\"inapp\"}",
                "parley_channels_disabled{channel_type=\"inapp\"}", "parley_metrics_refresh_seconds_count");
        assertThat(metrics).doesNotContain("mx-olga", firstSession, secondSession, channel.toString());
        Sessions.close(firstSession);
        Sessions.close(secondSession);
    }
}

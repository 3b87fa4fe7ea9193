package io.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.testing.ParleyInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** The outbox round trip through the real PostgreSQL and the real Kafka broker. */
@QuarkusTest
class EventPublisherTest {

    @Inject
    EventPublisher events;

    @Inject
    ObjectMapper json;

    @Test
    void committedEventReachesKafkaAsCloudEvent() throws Throwable {
        String committed = "committed-" + UUID.randomUUID();
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // Given a change that commits and one that rolls back, each publishing an event in its transaction
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> events.publish("io.parley.test.committed", committed, "key-1", Map.of("n", 1))));
            assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> events.publish("io.parley.test.rolled-back", rolledBack, "key-1", Map.of("n", 2))
                            .chain(() -> Uni.createFrom().failure(new IllegalStateException("abort"))))))
                    .hasMessage("abort");

            // When the relay has run, then only the committed event is on the topic, as a CloudEvent
            List<JsonNode> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.stream().noneMatch(e -> committed.equals(e.path("subject").asText()))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(json.readTree(record.value()));
                }
            }
            JsonNode event = seen.stream().filter(e -> committed.equals(e.path("subject").asText())).findFirst()
                    .orElseThrow();
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("io.parley.test.committed");
            assertThat(event.path("source").asText()).isEqualTo("/parley");
            assertThat(event.path("data").path("n").asInt()).isEqualTo(1);
            assertThat(seen).noneMatch(e -> rolledBack.equals(e.path("subject").asText()));
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("parley.events"));
        return consumer;
    }
}

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

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
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

    @Test
    void everyRecordIsReadByTheCloudEventsSdkKafkaBinding() throws Throwable {
        String subject = "sdk-" + UUID.randomUUID();
        Properties props = properties();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.subscribe(List.of("parley.events"));
            // Given an event published through the outbox
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> events.publish("io.parley.test.sdk", subject, "key-2", Map.of("n", 3))));

            // When the official SDK's Kafka deserializer reads the topic (it fails on any record it cannot detect as
            // a CloudEvent), then it finds the event with its attributes and data
            List<CloudEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.stream().noneMatch(e -> subject.equals(e.getSubject())) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.value()));
            }
            CloudEvent event = seen.stream().filter(e -> subject.equals(e.getSubject())).findFirst().orElseThrow();
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(event.getType()).isEqualTo("io.parley.test.sdk");
            assertThat(event.getSource()).hasToString("/parley");
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(json.readTree(event.getData().toBytes()).path("n").asInt()).isEqualTo(3);
        }
    }

    private static Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("parley.events"));
        return consumer;
    }
}

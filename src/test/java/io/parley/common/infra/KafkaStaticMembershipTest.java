package io.parley.common.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import io.parley.testing.ParleyInfrastructure;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KafkaStaticMembershipTest {

    @Test
    void everyPipelineConsumerIsAStaticMemberWithItsOwnId() throws Exception {
        // Given a started Parley whose pipeline runs two concurrent consumers of parley.inbound
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ParleyInfrastructure.kafkaBootstrapServers()))) {
            // When the consumer group is described
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<Optional<String>> ids = admin.describeConsumerGroups(List.of("parley-conversation"))
                        .describedGroups().get("parley-conversation").get().members().stream()
                        .map(MemberDescription::groupInstanceId).toList();
                // Then each member has a group.instance.id (static membership), and no two share one
                assertThat(ids).hasSize(2).allMatch(Optional::isPresent);
                assertThat(ids.stream().map(Optional::get).distinct()).hasSize(2);
            });
        }
    }

    @Test
    void twoInstancesOnOneHostGetDifferentIdsAndNoneTurnsItOff() {
        assertThat(KafkaStaticMembership.instanceId("auto", "box", 8080))
                .isNotEqualTo(KafkaStaticMembership.instanceId("auto", "box", 8081));
        assertThat(KafkaStaticMembership.instanceId("parley-0", "box", 8080)).isEqualTo("parley-0");
        assertThat(KafkaStaticMembership.instanceId("none", "box", 8080)).isNull();
        Map<String, Object> consumer = Map.of("group.id", "g", "client.id", "kafka-consumer-inbound$1");
        assertThat(KafkaStaticMembership.withInstanceId("box-8080", consumer))
                .containsEntry("group.instance.id", "box-8080-kafka-consumer-inbound_1");
        assertThat(KafkaStaticMembership.withInstanceId(null, consumer)).doesNotContainKey("group.instance.id");
        Map<String, Object> producer = Map.of("client.id", "kafka-producer-outbox");
        assertThat(KafkaStaticMembership.withInstanceId("box-8080", producer)).isEqualTo(producer);
    }
}

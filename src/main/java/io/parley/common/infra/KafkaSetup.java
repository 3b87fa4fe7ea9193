package io.parley.common.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Checks at start-up that Kafka is reachable (failing with an explanation otherwise) and creates Parley's topics that
 * do not exist yet, before any consumer subscribes.
 */
@ApplicationScoped
class KafkaSetup {

    static final List<String> TOPICS = List.of("parley.inbound", "parley.outbound", "parley.events",
            "parley.inapp-push", "parley.dead-letter", "parley.inbound-retry");

    private static final Logger LOG = Logger.getLogger(KafkaSetup.class);

    private final InfrastructureConfig config;

    KafkaSetup(InfrastructureConfig config) {
        this.config = config;
    }

    void setUp(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
        long timeoutMs = config.startupTimeout().toMillis();
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (Admin admin = Admin.create(settings)) {
            String clusterId = admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(config.kafkaPartitions()), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            LOG.infof("Kafka cluster %s reachable; created topics %s", clusterId,
                    missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka at " + config.kafkaBootstrapServers() + " is not usable within "
                    + config.startupTimeout().toSeconds() + " s (" + e.getMessage()
                    + "). Check PARLEY_KAFKA_BOOTSTRAP_SERVERS.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka", e);
        }
    }
}

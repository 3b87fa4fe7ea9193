package io.parley.common.infra;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Fails start-up with an explanation when the Kafka cluster cannot be reached within the start-up timeout. */
@ApplicationScoped
class KafkaReachability {

    private static final Logger LOG = Logger.getLogger(KafkaReachability.class);

    private final InfrastructureConfig config;

    KafkaReachability(InfrastructureConfig config) {
        this.config = config;
    }

    void check(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
        long timeoutMs = config.startupTimeout().toMillis();
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (Admin admin = Admin.create(settings)) {
            String clusterId = admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            LOG.infof("Kafka cluster %s reachable", clusterId);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka at " + config.kafkaBootstrapServers() + " is not reachable within "
                    + config.startupTimeout().toSeconds() + " s. Check PARLEY_KAFKA_BOOTSTRAP_SERVERS.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka", e);
        }
    }
}

package io.parley.common.infra;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Start-up checks of the infrastructure Parley depends on. */
@ConfigMapping(prefix = "parley.infrastructure")
public interface InfrastructureConfig {

    /** How long start-up waits for PostgreSQL and Kafka before failing with an explanation. */
    @WithDefault("30s")
    Duration startupTimeout();

    /**
     * Partitions of the topics Parley creates when they are missing (more partitions = more parallel conversations;
     * the replication factor is the broker's default).
     */
    @WithDefault("12")
    int kafkaPartitions();

    /**
     * This instance's name in Parley's Kafka consumer groups ({@code group.instance.id} prefix: static membership, so a
     * restarted instance gets its partitions back at once instead of waiting for a rebalance). Must differ between
     * instances; {@code auto} = host name and HTTP port; {@code none} = dynamic membership.
     */
    @WithDefault("auto")
    String kafkaInstanceId();

    /** The Kafka bootstrap servers (mapped from {@code kafka.bootstrap.servers}). */
    @WithDefault("${kafka.bootstrap.servers}")
    String kafkaBootstrapServers();
}

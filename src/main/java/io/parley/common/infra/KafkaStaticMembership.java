package io.parley.common.infra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Static membership for every Kafka consumer of the messaging connector: {@code group.instance.id} = the instance id
 * ({@code parley.infrastructure.kafka-instance-id}; by default host name and HTTP port) and the consumer's client id,
 * which is unique within the instance (one per channel and per concurrent consumer of a channel); characters Kafka
 * does not allow there become {@code _}.
 * <p>
 * Why: after a restart a dynamic member joins as a stranger, and the group waits for the previous member's session to
 * end and rebalances before anything is consumed; a static member with the same id takes its old place and partitions
 * at once. Two running instances must never share an id (the broker would fence one of them), hence the port in the
 * default. A static member does not leave the group when it stops: if it does not come back, its partitions move to
 * the other instances when its session times out ({@code session.timeout.ms}, 10 s here).
 */
@ApplicationScoped
class KafkaStaticMembership implements ClientCustomizer<Map<String, Object>> {

    static final String GROUP_INSTANCE_ID = "group.instance.id";
    /** What Kafka refuses in a group instance id. */
    private static final Pattern VALID = Pattern.compile("[^A-Za-z0-9._-]");

    private final String instanceId;

    KafkaStaticMembership(InfrastructureConfig config,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.instanceId = instanceId(config.kafkaInstanceId(), hostName(), httpPort);
    }

    /** The instance part of the ids: {@code null} when static membership is off. */
    static String instanceId(String configured, String hostName, int httpPort) {
        return switch (configured.strip()) {
            case "none", "" -> null;
            case "auto" -> hostName + "-" + httpPort;
            default -> configured.strip();
        };
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        return withInstanceId(instanceId, config);
    }

    /** The consumer settings with {@code group.instance.id} added; producers and admin clients are left alone. */
    static Map<String, Object> withInstanceId(String instanceId, Map<String, Object> config) {
        if (instanceId == null || !config.containsKey("group.id") || config.containsKey(GROUP_INSTANCE_ID)) {
            return config;
        }
        Map<String, Object> customized = new HashMap<>(config);
        customized.put(GROUP_INSTANCE_ID, VALID.matcher(instanceId + "-" + config.get("client.id")).replaceAll("_"));
        return customized;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "parley");
        }
    }
}

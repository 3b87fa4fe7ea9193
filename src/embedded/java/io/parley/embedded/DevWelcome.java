package io.parley.embedded;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.parley.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** Prints, once Parley is up in the embedded build, where it listens and a ready-made token for each role. */
@ApplicationScoped
@IfBuildProfile("embedded")
class DevWelcome {

    private final int port;
    private final int postgresPort;
    private final int kafkaPort;

    DevWelcome(@ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "parley.embedded.postgres-port", defaultValue = "55432") int postgresPort,
            @ConfigProperty(name = "parley.embedded.kafka-port", defaultValue = "59092") int kafkaPort) {
        this.port = port;
        this.postgresPort = postgresPort;
        this.kafkaPort = kafkaPort;
    }

    void welcome(@Observes @Priority(5000) StartupEvent event) {
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("\n\n=== Parley (embedded infrastructure) ===\n")
                .append("API            ").append(base).append("/api\n")
                .append("Health         ").append(base).append("/q/health/ready\n")
                .append("Swagger UI     ").append(base).append("/q/swagger-ui\n")
                .append("Console        ").append(base).append("/console/\n")
                .append("PostgreSQL     127.0.0.1:").append(postgresPort)
                .append(" (user postgres, database parley)\n")
                .append("Kafka          127.0.0.1:").append(kafkaPort).append('\n')
                .append("Tokens (12 h; more: curl '").append(base)
                .append("/dev/token?role=operator&subject=alice'):\n");
        for (String role : List.of(Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATOR)) {
            text.append("  ").append(role).append(" (subject dev-").append(role).append("):\n    ")
                    .append(DevTokens.issue("dev-" + role, List.of(role), Duration.ofHours(12))).append('\n');
        }
        System.out.println(text);
    }
}

package io.parley.embedded;

import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the embedded PostgreSQL and Kafka when Parley runs as the embedded build ({@code ./parley run}), before migrations and
 * messaging start. Both keep their data under {@code parley.embedded.dir} (default {@code .parley} in the project), so
 * data survives restarts; delete that folder (or run {@code ./parley reset}) to start from scratch.
 */
@ApplicationScoped
@IfBuildProfile("embedded")
class EmbeddedInfrastructure {

    static final int POSTGRES_PORT = 55432;
    static final int KAFKA_PORT = 59092;
    static final int KAFKA_CONTROLLER_PORT = 59093;

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);

    private final Path dir;

    EmbeddedInfrastructure(@ConfigProperty(name = "parley.embedded.dir", defaultValue = ".parley") Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    void start(@Observes @Priority(1) StartupEvent event) {
        LOG.infof("Starting embedded PostgreSQL on port %d (data in %s)", POSTGRES_PORT, dir.resolve("postgres"));
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres/binaries"),
                dir.resolve("postgres/data"), POSTGRES_PORT, "parley");
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        LOG.infof("Starting embedded Kafka on port %d (data in %s)", KAFKA_PORT, dir.resolve("kafka"));
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
    }
}

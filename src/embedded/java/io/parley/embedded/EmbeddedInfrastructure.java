package io.parley.embedded;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the embedded PostgreSQL and Kafka when Parley runs as the embedded build ({@code ./parley run}), before migrations and
 * messaging start. Both keep their data under {@code parley.embedded.dir} (default {@code .parley} in the project), so
 * data survives restarts; delete that folder (or run {@code ./parley reset}) to start from scratch. Their ports are
 * {@code parley.embedded.postgres-port} (55432), {@code parley.embedded.kafka-port} (59092) and
 * {@code parley.embedded.kafka-controller-port} (59093), so a second embedded Parley (e.g. the browser test) can run
 * beside a first one. PostgreSQL runs with {@code fsync} on unless {@code parley.embedded.postgres-fsync=false}.
 * <p>
 * Shutdown order: both are stopped only after Quarkus has stopped completely (HTTP drained, consumers closed and their
 * offsets committed, connection pools closed), from a JVM shutdown hook that waits for {@link Application#awaitShutdown}.
 * If the JVM is killed, Kafka dies with it (it runs in this JVM) and PostgreSQL is stopped by its watchdog.
 */
@ApplicationScoped
@IfBuildProfile("embedded")
class EmbeddedInfrastructure {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);

    private final Path dir;
    private final int postgresPort;
    private final boolean postgresFsync;
    private final int kafkaPort;
    private final int kafkaControllerPort;

    EmbeddedInfrastructure(@ConfigProperty(name = "parley.embedded.dir", defaultValue = ".parley") Path dir,
            @ConfigProperty(name = "parley.embedded.postgres-port", defaultValue = "55432") int postgresPort,
            @ConfigProperty(name = "parley.embedded.postgres-fsync", defaultValue = "true") boolean postgresFsync,
            @ConfigProperty(name = "parley.embedded.kafka-port", defaultValue = "59092") int kafkaPort,
            @ConfigProperty(name = "parley.embedded.kafka-controller-port", defaultValue = "59093") int kafkaControllerPort) {
        this.dir = dir.toAbsolutePath();
        this.postgresPort = postgresPort;
        this.postgresFsync = postgresFsync;
        this.kafkaPort = kafkaPort;
        this.kafkaControllerPort = kafkaControllerPort;
    }

    void start(@Observes @Priority(1) StartupEvent event) {
        LOG.infof("Starting embedded PostgreSQL on port %d (data in %s, fsync %s)", postgresPort,
                dir.resolve("postgres"), postgresFsync ? "on" : "off");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres/binaries"),
                dir.resolve("postgres/data"), postgresPort, "parley", postgresFsync);
        LOG.infof("Starting embedded Kafka on port %d (data in %s)", kafkaPort, dir.resolve("kafka"));
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), kafkaPort, kafkaControllerPort);
        Application application = Application.currentApplication();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitQuarkusStopped(application);
            kafka.close();
            postgres.close();
        }, "embedded-infrastructure-stop"));
    }

    /** Waits until Quarkus has stopped, at most {@link #STOP_WAIT} (so a stuck stop cannot keep the JVM alive). */
    private static void awaitQuarkusStopped(Application application) {
        if (application == null) {
            return;
        }
        Thread waiter = new Thread(application::awaitShutdown, "embedded-infrastructure-await");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

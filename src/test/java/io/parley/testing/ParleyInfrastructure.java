package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.parley.embedded.EmbeddedKafka;
import io.parley.embedded.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL and a real single-node Kafka on free ports for the test JVM (once, shared by every
 * {@code @QuarkusTest}) and points Parley at them.
 */
public class ParleyInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafka kafka;

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try {
                Path run = Files.createTempDirectory("parley-test-");
                run.toFile().setExecutable(true, false);
                postgres = EmbeddedPostgres.start(tmp.resolve("parley-postgres-binaries"), run.resolve("postgres"),
                        freePort(), "parley", false); // throw-away test data: fsync off for speed
                kafka = EmbeddedKafka.start(run.resolve("kafka"), freePort(), freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
            }));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("parley"),
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.port() + "/parley",
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by the shutdown hook.
    }

    /** The bootstrap servers of the test broker, for tests that consume or produce directly. */
    public static String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A TCP port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

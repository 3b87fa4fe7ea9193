package io.parley.routing.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, stores {@code parley.routing.workflow-file} as version 1 when no workflow exists yet, so a fresh
 * installation routes by the rules shipped in {@code config/}. Later changes go through the admin API.
 */
@ApplicationScoped
class WorkflowFileLoader {

    private static final Logger LOG = Logger.getLogger(WorkflowFileLoader.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final RoutingConfig config;

    WorkflowFileLoader(AgroalDataSource dataSource, ObjectMapper json, RoutingConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
    }

    /** After the schema migrations. */
    void load(@Observes @Priority(30) StartupEvent event) throws IOException, SQLException {
        Path file = Path.of(config.workflowFile());
        try (Connection connection = dataSource.getConnection();
                ResultSet existing = connection.createStatement().executeQuery("SELECT count(*) FROM workflows")) {
            existing.next();
            if (existing.getInt(1) > 0 || !Files.exists(file)) {
                return;
            }
            String document = Files.readString(file);
            CompiledWorkflow.compile(1, json.readValue(document, Workflow.class), null);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO workflows (version, document, active, created_by) VALUES (1, ?::jsonb, TRUE, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                insert.setString(1, document);
                insert.setString(2, "parley (" + file + ")");
                insert.executeUpdate();
            }
            LOG.infof("Loaded routing workflow version 1 from %s", file);
        }
    }
}

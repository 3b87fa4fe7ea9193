package io.parley.routing.workflow;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.parley.common.infra.StartupFiles;
import io.parley.common.infra.StartupFiles.StartupFile;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, stores {@code parley.routing.workflow-file} as version 1 when no workflow exists yet, so a fresh
 * installation routes by the rules shipped in {@code config/} ({@link StartupFiles}). Later changes go through the
 * admin API.
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
        Optional<StartupFile> file = StartupFiles.read("parley.routing.workflow-file", config.workflowFile(),
                "workflow.json");
        try (Connection connection = dataSource.getConnection();
                ResultSet existing = connection.createStatement().executeQuery("SELECT count(*) FROM workflows")) {
            existing.next();
            if (existing.getInt(1) > 0) {
                return;
            }
            if (file.isEmpty()) {
                LOG.warn("No routing workflow yet and parley.routing.workflow-file=none: conversations wait until one"
                        + " is saved (PUT /api/admin/workflow)");
                return;
            }
            String document = file.get().content();
            CompiledWorkflow.compile(1, json.readValue(document, Workflow.class), null);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO workflows (version, document, active, created_by) VALUES (1, ?::jsonb, TRUE, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                insert.setString(1, document);
                insert.setString(2, "parley (" + file.get().source() + ")");
                insert.executeUpdate();
            }
            LOG.infof("Loaded routing workflow version 1 from %s", file.get().source());
        }
    }
}

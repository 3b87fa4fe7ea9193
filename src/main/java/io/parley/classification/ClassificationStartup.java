package io.parley.classification;

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
 * At start-up (after the schema migrations, on the main thread, never on an event loop): loads the language models
 * ({@link Classifier#warmUp}), stores {@code parley.classification.rules-file} as version 1 when no
 * rules exist yet, loads the active rules, the newest topic model (training one from the seeds when there is none)
 * and the menus. Later changes go through the admin API and reach other instances by {@link ClassificationRefresh}.
 */
@ApplicationScoped
class ClassificationStartup {

    private static final Logger LOG = Logger.getLogger(ClassificationStartup.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final ClassificationConfig config;
    private final Classifier classifier;
    private final ModelTrainer trainer;
    private final MenuFlows menus;

    ClassificationStartup(AgroalDataSource dataSource, ObjectMapper json, ClassificationConfig config,
            Classifier classifier, ModelTrainer trainer, MenuFlows menus) {
        this.menus = menus;
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
        this.classifier = classifier;
        this.trainer = trainer;
    }

    void load(@Observes @Priority(31) StartupEvent event) throws IOException, SQLException {
        long started = System.nanoTime();
        classifier.warmUp();
        LOG.infof("Language detection ready (%s) in %d ms", config.languages(), (System.nanoTime() - started) / 1_000_000);
        Optional<StartupFile> file = StartupFiles.read("parley.classification.rules-file", config.rulesFile(),
                "classification-rules.json");
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet existing = connection.createStatement()
                    .executeQuery("SELECT count(*) FROM classification_rules")) {
                existing.next();
                if (existing.getInt(1) == 0 && file.isEmpty()) {
                    LOG.warn("No classification rules yet and parley.classification.rules-file=none: messages get"
                            + " no category until rules are saved (PUT /api/admin/classification/rules)");
                } else if (existing.getInt(1) == 0) {
                    String document = file.get().content();
                    CompiledRules.compile(1, json.readValue(document, RuleSet.class));
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO classification_rules"
                            + " (version, document, active, created_by) VALUES (1, ?::jsonb, TRUE, ?) ON CONFLICT DO NOTHING")) {
                        insert.setString(1, document);
                        insert.setString(2, "parley (" + file.get().source() + ")");
                        insert.executeUpdate();
                    }
                    LOG.infof("Loaded classification rules version 1 from %s", file.get().source());
                }
            }
            try (ResultSet active = connection.createStatement()
                    .executeQuery("SELECT version, document::text FROM classification_rules WHERE active")) {
                if (active.next()) {
                    classifier.use(CompiledRules.compile(active.getInt(1), json.readValue(active.getString(2),
                            RuleSet.class)));
                }
            }
        }
        trainer.loadOrTrain();
        menus.refresh().subscribe().with(loaded -> LOG.infof("Loaded %d menus", loaded.size()),
                failure -> LOG.errorf("Could not load the menus: %s", failure.toString()));
    }
}

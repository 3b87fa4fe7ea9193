package io.parley.classification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.parley.common.infra.StartupFiles;
import io.parley.common.problem.ProblemException;
import io.vertx.core.json.JsonObject;

/**
 * Trains the topic model from the seed examples ({@code parley.classification.seed-file}) plus the labels operators and
 * supervisors gave
 * (category corrections, spam marks), measures it, stores it and puts it to use. Every
 * {@code held-out-every}-th label is kept out of a first training to measure accuracy on labels the model never saw;
 * the stored model is then trained on everything. Blocking (JDBC and CPU): call it on a worker thread.
 */
@ApplicationScoped
class ModelTrainer {

    private static final Logger LOG = Logger.getLogger(ModelTrainer.class);

    private final AgroalDataSource dataSource;
    private final ClassificationConfig config;
    private final Classifier classifier;

    ModelTrainer(AgroalDataSource dataSource, ClassificationConfig config, Classifier classifier) {
        this.dataSource = dataSource;
        this.config = config;
        this.classifier = classifier;
    }

    /** Trains, stores and uses a new model; returns its report. */
    synchronized JsonObject train(String actor) {
        List<TopicModel.Example> seeds = seeds();
        try (Connection connection = dataSource.getConnection()) {
            List<TopicModel.Example> training = new ArrayList<>(seeds);
            List<TopicModel.Example> heldOut = new ArrayList<>();
            List<TopicModel.Example> labels = new ArrayList<>();
            try (ResultSet rows = connection.createStatement()
                    .executeQuery("SELECT id, category, text FROM classification_labels ORDER BY id")) {
                while (rows.next()) {
                    TopicModel.Example label = new TopicModel.Example(rows.getString("category"), rows.getString("text"));
                    labels.add(label);
                    (rows.getLong("id") % config.heldOutEvery() == 0 ? heldOut : training).add(label);
                }
            }
            JsonObject report = new JsonObject().put("seeds", seeds.size()).put("labels", labels.size())
                    .put("heldOut", heldOut.size());
            if (!heldOut.isEmpty()) {
                evaluate(TopicModel.train(training), heldOut, report);
            }
            List<TopicModel.Example> all = new ArrayList<>(seeds);
            all.addAll(labels);
            if (all.stream().map(TopicModel.Example::category).distinct().count() < 2) {
                throw ProblemException.conflict("The topic model needs seed examples or labels of two categories");
            }
            TopicModel model = TopicModel.train(all);
            report.put("categories", all.stream().map(TopicModel.Example::category).distinct().sorted().toList());
            int id = store(connection, model, report, labels.size(), actor);
            classifier.use(id, model);
            LOG.infof("Topic model %d trained from %d seeds and %d labels", id, seeds.size(), labels.size());
            return report.put("modelId", id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read labels or store the model", e);
        }
    }

    /** Loads the newest stored model, training a first one when there is none. */
    void loadOrTrain() {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT id, model FROM classification_models ORDER BY id DESC LIMIT 1")) {
            if (rows.next()) {
                classifier.use(rows.getInt("id"), TopicModel.read(rows.getBytes("model")));
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the topic model", e);
        }
        if (seeds().stream().map(TopicModel.Example::category).distinct().count() > 1) {
            train("parley (seeds)");
        }
    }

    /** The seed examples of {@code parley.classification.seed-file}; none for {@code none}. */
    private List<TopicModel.Example> seeds() {
        return StartupFiles.read("parley.classification.seed-file", config.seedFile(), "classification-seed.tsv")
                .map(file -> Seeds.parse(file.content())).orElse(List.of());
    }

    /** Retrains when labels were added since the newest model. */
    void retrainIfLabelled() {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("SELECT (SELECT count(*) FROM"
                        + " classification_labels) AS labels, (SELECT labels FROM classification_models ORDER BY id DESC"
                        + " LIMIT 1) AS trained")) {
            rows.next();
            if (rows.getLong("labels") == rows.getLong("trained")) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count labels", e);
        }
        train("parley (schedule)");
    }

    private static void evaluate(TopicModel model, List<TopicModel.Example> heldOut, JsonObject report) {
        Map<String, int[]> perCategory = new TreeMap<>();
        int right = 0;
        for (TopicModel.Example example : heldOut) {
            TopicModel.Prediction p = model.predict(TextAnalysis.stems(example.text()));
            boolean correct = p != null && p.category().equals(example.category());
            right += correct ? 1 : 0;
            int[] counts = perCategory.computeIfAbsent(example.category(), c -> new int[2]);
            counts[0]++;
            counts[1] += correct ? 1 : 0;
        }
        JsonObject categories = new JsonObject();
        perCategory.forEach((category, counts) -> categories.put(category,
                new JsonObject().put("heldOut", counts[0]).put("correct", counts[1])));
        report.put("accuracy", (double) right / heldOut.size()).put("perCategory", categories);
    }

    private static int store(Connection connection, TopicModel model, JsonObject report, int labels, String actor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO classification_models (model, report,"
                + " labels, created_by) VALUES (?, ?::jsonb, ?, ?) RETURNING id")) {
            insert.setBytes(1, model.bytes());
            insert.setString(2, report.encode());
            insert.setInt(3, labels);
            insert.setString(4, actor);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getInt(1);
            }
        }
    }
}

package io.parley.classification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Saves, lists and re-activates versions of the classification rules (like workflows); every change is audited. */
@ApplicationScoped
class RulesService {

    /** A version as listed. */
    record VersionView(int version, boolean active, OffsetDateTime createdAt, String createdBy) {
    }

    /** A version with its rules. */
    record RulesView(int version, OffsetDateTime createdAt, String createdBy, RuleSet rules) {
    }

    private static final long SAVE_LOCK = 0x636c617373L;

    private final Pool pool;
    private final Classifier classifier;

    RulesService(Pool pool, Classifier classifier) {
        this.pool = pool;
        this.classifier = classifier;
    }

    Uni<RulesView> active() {
        return pool.preparedQuery("SELECT * FROM classification_rules WHERE active").execute()
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Active classification rules");
                    }
                    return view(rows.iterator().next());
                });
    }

    /** Validates the rules and stores them as the new active version, used at once by this instance. */
    Uni<RulesView> save(RuleSet rules, String actor) {
        CompiledRules.compile(0, rules);
        return pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(" + SAVE_LOCK + ")").execute()
                .chain(() -> c.query("SELECT COALESCE(max(version), 0) + 1 AS next FROM classification_rules").execute())
                .map(rows -> rows.iterator().next().getInteger("next"))
                .chain(version -> c.query("UPDATE classification_rules SET active = FALSE WHERE active").execute()
                        .chain(() -> c.preparedQuery("INSERT INTO classification_rules (version, document, active,"
                                + " created_by) VALUES ($1, $2, TRUE, $3)")
                                .execute(Tuple.of(version, JsonObject.mapFrom(rules), actor)))
                        .chain(() -> Audit.record(c, actor, "classification.rules.saved", String.valueOf(version),
                                new JsonObject()))
                        .chain(() -> byVersion(c, version))))
                .invoke(view -> classifier.use(CompiledRules.compile(view.version(), view.rules())));
    }

    Uni<List<VersionView>> versions() {
        return pool.query("SELECT version, active, created_at, created_by FROM classification_rules"
                + " ORDER BY version DESC").execute()
                .map(rows -> {
                    List<VersionView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new VersionView(r.getInteger("version"), r.getBoolean("active"),
                            r.getOffsetDateTime("created_at"), r.getString("created_by"))));
                    return list;
                });
    }

    /** Makes an earlier (or any) version the active one again: a rollback. */
    Uni<RulesView> activate(int version, String actor) {
        return pool.withTransaction(c -> byVersion(c, version)
                .invoke(view -> CompiledRules.compile(version, view.rules()))
                .call(() -> c.query("UPDATE classification_rules SET active = FALSE WHERE active").execute())
                .call(() -> c.preparedQuery("UPDATE classification_rules SET active = TRUE WHERE version = $1")
                        .execute(Tuple.of(version)))
                .call(() -> Audit.record(c, actor, "classification.rules.activated", String.valueOf(version),
                        new JsonObject())))
                .invoke(view -> classifier.use(CompiledRules.compile(view.version(), view.rules())));
    }

    /** Loads the active version into the classifier when it is not the one in use (another instance saved it). */
    Uni<Void> refresh() {
        return pool.query("SELECT * FROM classification_rules WHERE active").execute().invoke(rows -> {
            if (rows.iterator().hasNext()) {
                RulesView view = view(rows.iterator().next());
                if (view.version() != classifier.rules().version) {
                    classifier.use(CompiledRules.compile(view.version(), view.rules()));
                }
            }
        }).replaceWithVoid();
    }

    private static Uni<RulesView> byVersion(SqlConnection c, int version) {
        return c.preparedQuery("SELECT * FROM classification_rules WHERE version = $1").execute(Tuple.of(version))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Classification rules version " + version);
                    }
                    return view(rows.iterator().next());
                });
    }

    private static RulesView view(Row row) {
        return new RulesView(row.getInteger("version"), row.getOffsetDateTime("created_at"),
                row.getString("created_by"), row.getJsonObject("document").mapTo(RuleSet.class));
    }
}

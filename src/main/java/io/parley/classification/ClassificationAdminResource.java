package io.parley.classification;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/** Classification rules (versioned, with rollback), a try-out, and the topic model: retrain and accuracy. */
@Path("/api/admin/classification")
@RolesAllowed(Roles.ADMIN)
class ClassificationAdminResource {

    /** A text to classify without storing anything. */
    record Sample(@NotNull @Size(max = 4000) String text, String language) {
    }

    private final RulesService rules;
    private final ModelTrainer trainer;
    private final Classifier classifier;
    private final Pool pool;
    private final SecurityIdentity identity;

    ClassificationAdminResource(RulesService rules, ModelTrainer trainer, Classifier classifier, Pool pool,
            SecurityIdentity identity) {
        this.rules = rules;
        this.trainer = trainer;
        this.classifier = classifier;
        this.pool = pool;
        this.identity = identity;
    }

    @GET
    @Path("/rules")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<RulesService.RulesView> activeRules() {
        return rules.active();
    }

    /** Saves the rules as a new active version; bad patterns or empty words are refused naming the field. */
    @PUT
    @Path("/rules")
    public Uni<RulesService.RulesView> saveRules(@NotNull RuleSet ruleSet) {
        return rules.save(ruleSet, identity.getPrincipal().getName());
    }

    @GET
    @Path("/rules/versions")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<List<RulesService.VersionView>> versions() {
        return rules.versions();
    }

    @POST
    @Path("/rules/versions/{version}/activate")
    public Uni<RulesService.RulesView> activate(int version) {
        return rules.activate(version, identity.getPrincipal().getName());
    }

    /** How a text would be classified now (active rules and model), without storing anything. */
    @POST
    @Path("/try")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public MessageVerdict tryOut(@Valid @NotNull Sample sample) {
        return classifier.classify(sample.text(), List.of(), sample.language());
    }

    /** Retrains the topic model now from the seeds and all labels; returns its report. */
    @POST
    @Path("/model/train")
    public Uni<JsonObject> train() {
        String actor = identity.getPrincipal().getName();
        return Uni.createFrom().item(() -> trainer.train(actor)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The model in use: when and by whom it was trained, from how many seeds and labels, and held-out accuracy. */
    @GET
    @Path("/model")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<JsonObject> model() {
        return pool.query("SELECT id, report, created_by, created_at FROM classification_models ORDER BY id DESC"
                + " LIMIT 1").execute().map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("A trained topic model");
                    }
                    var row = rows.iterator().next();
                    return row.getJsonObject("report").copy().put("modelId", row.getInteger("id"))
                            .put("createdBy", row.getString("created_by"))
                            .put("createdAt", row.getOffsetDateTime("created_at").toString());
                });
    }
}

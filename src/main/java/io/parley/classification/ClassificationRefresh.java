package io.parley.classification;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps every instance in step: picks up rule versions, models and menus saved elsewhere, retrains the model when new
 * labels arrived, and hands menu sessions that timed out to routing.
 */
@ApplicationScoped
class ClassificationRefresh {

    private final Pool pool;
    private final RulesService rules;
    private final MenuFlows menus;
    private final ModelTrainer trainer;
    private final Classifier classifier;

    ClassificationRefresh(Pool pool, RulesService rules, MenuFlows menus, ModelTrainer trainer, Classifier classifier) {
        this.pool = pool;
        this.rules = rules;
        this.menus = menus;
        this.trainer = trainer;
        this.classifier = classifier;
    }

    @Scheduled(every = "${parley.classification.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return rules.refresh().chain(menus::refresh)
                .chain(() -> pool.query("SELECT max(id) AS id FROM classification_models").execute())
                .map(rows -> rows.iterator().next().getInteger("id"))
                .chain(newest -> newest == null || newest == classifier.modelId() ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("SELECT model FROM classification_models WHERE id = $1")
                                .execute(Tuple.of(newest))
                                .invoke(rows -> classifier.use(newest,
                                        TopicModel.read(rows.iterator().next().getBuffer("model").getBytes())))
                                .replaceWithVoid());
    }

    @Scheduled(every = "${parley.classification.retrain-every}", delayed = "${parley.classification.retrain-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> retrain() {
        return Uni.createFrom().item(() -> {
            trainer.retrainIfLabelled();
            return 0;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    /** Menu sessions past their timeout go to routing with what was answered so far. */
    @Scheduled(every = "${parley.classification.menu-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> menuTimeouts() {
        return pool.preparedQuery("""
                WITH expired AS (DELETE FROM menu_sessions WHERE expires_at < now() RETURNING session_id, flow_id, answers)
                UPDATE routing_tasks t SET state = 'WAITING', updated_at = now(),
                    attributes = jsonb_set(t.attributes, '{menu}', e.answers
                        || jsonb_build_object('flow', e.flow_id, 'outcome', 'timeout'))
                FROM expired e WHERE t.session_id = e.session_id AND t.state = 'BOT'""").execute(Tuple.tuple())
                .replaceWithVoid();
    }
}

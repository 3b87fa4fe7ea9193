package io.parley.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Turns Parley's CloudEvents ({@code parley.events}) into operators' push streams. One consumer group for all
 * instances, so each event is projected once; the instances holding the operators' connections are woken by the
 * database ({@code NOTIFY parley_operator_events}) and push from there. A batch is one transaction, in record order, appended
 * with one statement.
 */
@ApplicationScoped
class OperatorEventProjector {

    private static final Logger LOG = Logger.getLogger(OperatorEventProjector.class);

    private final Pool pool;
    private final Projections projections;

    OperatorEventProjector(Pool pool, Projections projections) {
        this.pool = pool;
        this.projections = projections;
    }

    @Incoming("operator-projection")
    Uni<Void> consume(ConsumerRecords<String, String> batch) {
        return pool.withTransaction(c -> {
            List<JsonObject> events = new ArrayList<>(batch.count());
            batch.forEach(record -> events.add(new JsonObject(record.value())));
            return projections.project(c, events);
        }).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Operator events of %d records not projected: %s", batch.count(), failure.getMessage());
                    return null;
                });
    }
}

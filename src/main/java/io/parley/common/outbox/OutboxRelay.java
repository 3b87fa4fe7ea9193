package io.parley.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.parley.common.infra.CoalescedTask;
import io.parley.common.infra.PgListener;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves committed outbox records to Kafka in commit order, then deletes them. It runs when PostgreSQL notifies that a
 * transaction with outbox records committed, and on a periodic sweep. A transaction-scoped advisory lock lets only one
 * instance relay at a time, so several instances never reorder records; a record is deleted only after Kafka
 * acknowledged it (acks=all), so a crash in between re-sends it (at-least-once; consumers deduplicate). Each batch is
 * first shown to the {@link RelayObserver}s (the webhook fan-out) inside the same transaction.
 */
@ApplicationScoped
class OutboxRelay {

    private static final long RELAY_LOCK = 0x7061726c6579L;
    private static final String CONTENT_TYPE = "content-type";
    private static final byte[] CLOUD_EVENT_JSON = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private final Pool pool;
    private final OutboxConfig config;
    private final List<RelayObserver> observers;
    private final CoalescedTask task = new CoalescedTask("Outbox relay", this::relay);

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> kafka;

    OutboxRelay(Pool pool, OutboxConfig config, Instance<RelayObserver> observers) {
        this.pool = pool;
        this.config = config;
        this.observers = observers.stream().toList();
    }

    void listen(@Observes StartupEvent event, PgListener listener) {
        listener.listen("parley_outbox", task::trigger);
    }

    @Scheduled(every = "${parley.outbox.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        task.trigger();
    }

    private Uni<Void> relay() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(RELAY_LOCK))
                .chain(lock -> lock.iterator().next().getBoolean("locked") ? relayBatch(connection)
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> relayBatch(SqlConnection connection) {
        return connection.preparedQuery("SELECT id, topic, record_key, payload::text AS payload,"
                + " payload ? 'specversion' AS cloud_event FROM outbox ORDER BY id LIMIT $1")
                .execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Row> batch = new ArrayList<>();
                    List<RelayObserver.Relayed> relayed = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        batch.add(row);
                        relayed.add(new RelayObserver.Relayed(row.getString("topic"), row.getString("record_key"),
                                row.getString("payload"), Boolean.TRUE.equals(row.getBoolean("cloud_event"))));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (ids.size() == config.batchSize()) {
                        task.trigger();
                    }
                    return observe(connection, relayed)
                            .chain(() -> Uni.join().all(batch.stream().map(this::send).toList()).andFailFast())
                            .chain(() -> connection.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> observe(SqlConnection connection, List<RelayObserver.Relayed> relayed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RelayObserver observer : observers) {
            chain = chain.chain(() -> observer.relaying(connection, relayed));
        }
        return chain;
    }

    /**
     * A CloudEvent goes out in the structured mode of the CloudEvents Kafka protocol binding: the event as JSON in the
     * value and {@code content-type: application/cloudevents+json} in the headers.
     */
    private Uni<Void> send(Row row) {
        RecordHeaders headers = new RecordHeaders();
        if (Boolean.TRUE.equals(row.getBoolean("cloud_event"))) {
            headers.add(CONTENT_TYPE, CLOUD_EVENT_JSON);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .withHeaders(headers)
                .build();
        return kafka.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }
}

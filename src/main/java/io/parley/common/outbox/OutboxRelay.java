package io.parley.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Moves committed outbox records to Kafka in commit order, then deletes them. It runs when PostgreSQL notifies that a
 * transaction with outbox records committed, and on a periodic sweep. A transaction-scoped advisory lock lets only one
 * instance relay at a time, so several instances never reorder records; a record is deleted only after Kafka
 * acknowledged it (acks=all), so a crash in between re-sends it (at-least-once; consumers deduplicate).
 */
@ApplicationScoped
class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x7061726c6579L;

    private final Pool pool;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private PgSubscriber subscriber;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> kafka;

    OutboxRelay(Pool pool, OutboxConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void listen(@Observes StartupEvent event, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""));
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel("parley_outbox").handler(payload -> relayNow());
        subscriber.connect().subscribe().with(ok -> LOG.debug("Listening for outbox commits"),
                failure -> LOG.warnf("Outbox notifications unavailable, relying on the sweep: %s", failure));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    @Scheduled(every = "${parley.outbox.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relayNow();
    }

    /** Starts a relay round, or asks the running one to go again when it ends. */
    void relayNow() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        relay().onTermination().invoke(() -> {
            running.set(false);
            if (again.get()) {
                relayNow();
            }
        }).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Outbox relay round failed, will retry: %s", failure.getMessage()));
    }

    private Uni<Void> relay() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(RELAY_LOCK))
                .chain(lock -> lock.iterator().next().getBoolean("locked") ? relayBatch(connection)
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> relayBatch(SqlConnection connection) {
        return connection.preparedQuery("SELECT id, topic, record_key, payload::text AS payload FROM outbox"
                + " ORDER BY id LIMIT $1").execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(send(row));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (ids.size() == config.batchSize()) {
                        again.set(true);
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> connection.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> send(Row row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .build();
        return kafka.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }
}

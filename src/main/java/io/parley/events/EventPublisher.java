package io.parley.events;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.outbox.Outbox;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes CloudEvents for CRMs through the outbox: call it inside the transaction of the change, and the event is
 * emitted exactly when that change commits (never for a rolled-back one). Every {@link EventRecorder} records it in the
 * same transaction.
 */
@ApplicationScoped
public class EventPublisher {

    private final Outbox outbox;
    private final EventsConfig config;
    private final List<EventRecorder> recorders;
    private final InstantSource clock;

    EventPublisher(Outbox outbox, EventsConfig config, @All List<EventRecorder> recorders, InstantSource clock) {
        this.outbox = outbox;
        this.config = config;
        this.recorders = recorders;
        this.clock = clock;
    }

    /**
     * Queues an event of {@code type} about {@code subject}; events with the same {@code partitionKey} keep their order
     * on Kafka.
     */
    public Uni<Void> publish(String type, String subject, String partitionKey, Object data) {
        Pending pending = new Pending(type, subject, partitionKey, data);
        Uni<Void> chain = outbox.append(config.topic(), partitionKey, event(type, subject, data));
        for (EventRecorder recorder : recorders) {
            chain = chain.chain(() -> recorder.record(pending));
        }
        return chain;
    }

    /** The same, for a transaction on a plain SQL connection (the conversation pipeline's hot path). */
    public Uni<Void> publish(SqlConnection connection, String type, String subject, String partitionKey, Object data) {
        Uni<Void> chain = outbox.append(connection, config.topic(), partitionKey, event(type, subject, data));
        return recorded(connection, List.of(new Pending(type, subject, partitionKey, data)), chain);
    }

    /** Several events in one round trip, inside the caller's transaction; each keeps the order given. */
    public Uni<Void> publishAll(SqlConnection connection, List<Pending> pending) {
        return recorded(connection, pending, outbox.appendAll(connection, config.topic(), pending.stream()
                .map(p -> new Outbox.Keyed(p.partitionKey(), event(p.type(), p.subject(), p.data()))).toList()));
    }

    private Uni<Void> recorded(SqlConnection connection, List<Pending> pending, Uni<Void> appended) {
        Uni<Void> chain = appended;
        for (EventRecorder recorder : recorders) {
            chain = chain.chain(() -> pending.isEmpty() ? Uni.createFrom().voidItem()
                    : recorder.record(connection, pending));
        }
        return chain;
    }

    /** An event to publish with {@link #publishAll}. */
    public record Pending(String type, String subject, String partitionKey, Object data) {
    }

    private CloudEvent event(String type, String subject, Object data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), config.source(), type, subject,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), "application/json", data);
    }
}

package io.parley.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes CloudEvents for CRMs through the outbox: call it inside the transaction of the change, and the event is
 * emitted exactly when that change commits (never for a rolled-back one).
 */
@ApplicationScoped
public class EventPublisher {

    private final Outbox outbox;
    private final EventsConfig config;

    EventPublisher(Outbox outbox, EventsConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Queues an event of {@code type} about {@code subject}; events with the same {@code partitionKey} keep their order
     * on Kafka.
     */
    public Uni<Void> publish(String type, String subject, String partitionKey, Object data) {
        return outbox.append(config.topic(), partitionKey, event(type, subject, data));
    }

    /** The same, for a transaction on a plain SQL connection (the conversation pipeline's hot path). */
    public Uni<Void> publish(SqlConnection connection, String type, String subject, String partitionKey, Object data) {
        return outbox.append(connection, config.topic(), partitionKey, event(type, subject, data));
    }

    /** Several events in one round trip, inside the caller's transaction; each keeps the order given. */
    public Uni<Void> publishAll(SqlConnection connection, List<Pending> pending) {
        return outbox.appendAll(connection, config.topic(), pending.stream()
                .map(p -> new Outbox.Keyed(p.partitionKey(), event(p.type(), p.subject(), p.data()))).toList());
    }

    /** An event to publish with {@link #publishAll}. */
    public record Pending(String type, String subject, String partitionKey, Object data) {
    }

    private CloudEvent event(String type, String subject, Object data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), config.source(), type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), "application/json", data);
    }
}

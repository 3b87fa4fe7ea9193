package io.parley.common.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox. {@link #append} must run inside the caller's Hibernate Reactive transaction, so the record
 * is committed together with the change it describes, or not at all; {@link OutboxRelay} then writes it to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Queues {@code payload} (serialized as JSON) for {@code topic} under {@code key}. */
    public Uni<Void> append(String topic, String key, Object payload) {
        return Uni.createFrom().item(() -> serialize(payload)).chain(serialized -> {
            OutboxRecord record = new OutboxRecord();
            record.topic = topic;
            record.recordKey = key;
            record.payload = serialized;
            return record.persist().replaceWithVoid();
        });
    }

    /** The same inside a transaction on a plain SQL connection. */
    public Uni<Void> append(SqlConnection connection, String topic, String key, Object payload) {
        return Uni.createFrom().item(() -> serialize(payload)).chain(serialized -> connection
                .preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3::jsonb)")
                .execute(Tuple.of(topic, key, new JsonObject(serialized))).replaceWithVoid());
    }

    /** Several records for one topic in one statement, in the order given, inside a transaction on a plain connection. */
    public Uni<Void> appendAll(SqlConnection connection, String topic, List<Keyed> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> records.stream().map(r -> serialize(r.payload())).toArray(String[]::new))
                .chain(payloads -> connection.preparedQuery("INSERT INTO outbox (topic, record_key, payload)"
                        + " SELECT $1, k, p::jsonb FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(k, p, n)"
                        + " ORDER BY n")
                        .execute(Tuple.of(topic, records.stream().map(Keyed::key).toArray(String[]::new), payloads))
                        .replaceWithVoid());
    }

    /** A payload and the record key it goes out under. */
    public record Keyed(String key, Object payload) {
    }

    private String serialize(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox payload is not serializable", e);
        }
    }
}

package io.parley.common.outbox;

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

    private String serialize(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox payload is not serializable", e);
        }
    }
}

package io.parley.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

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
        OutboxRecord record = new OutboxRecord();
        record.topic = topic;
        record.recordKey = key;
        try {
            record.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Outbox payload is not serializable", e));
        }
        return record.persist().replaceWithVoid();
    }
}

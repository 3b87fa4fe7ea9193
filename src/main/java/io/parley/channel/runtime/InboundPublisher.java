package io.parley.channel.runtime;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.InboundEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Durable ingress: writes normalized events to {@code parley.inbound} and completes only when Kafka acknowledged them
 * (acks=all). Ingress endpoints answer their sender after this, never before.
 */
@ApplicationScoped
public class InboundPublisher {

    private final ObjectMapper json;

    @Inject
    @Channel("inbound-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
    MutinyEmitter<String> kafka;

    InboundPublisher(ObjectMapper json) {
        this.json = json;
    }

    /** Publishes the events of one channel in order; completes after the last one is acknowledged. */
    public Uni<Void> publish(ResolvedChannel channel, List<InboundEvent> events) {
        Instant now = Instant.now();
        List<Uni<Void>> sends = events.stream()
                .map(event -> send(new InboundEnvelope(channel.id(), channel.type(), now, event)))
                .toList();
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(InboundEnvelope envelope) {
        String value;
        try {
            value = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(envelope.key()).build();
        return kafka.sendMessage(Message.of(value).addMetadata(metadata));
    }
}

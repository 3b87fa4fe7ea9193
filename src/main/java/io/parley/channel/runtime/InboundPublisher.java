package io.parley.channel.runtime;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.channel.spi.InboundEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Durable ingress: writes normalized events to {@code parley.inbound} and completes only when Kafka acknowledged them
 * (acks=all). Ingress endpoints answer their sender after this, never before. Every event is normalized first
 * ({@link InboundNormalizer}), so what was accepted can be stored.
 */
@ApplicationScoped
public class InboundPublisher {

    private static final Logger LOG = Logger.getLogger(InboundPublisher.class);
    private static final String NORMALIZED = "parley.ingress.normalized";
    private static final String UNUSABLE = "parley.inbound.unusable";

    private final ObjectMapper json;
    private final MeterRegistry metrics;

    @Inject
    @Channel("inbound-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
    MutinyEmitter<String> kafka;

    InboundPublisher(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** Publishes the events of one channel in order; completes after the last one is acknowledged. */
    public Uni<Void> publish(ResolvedChannel channel, List<InboundEvent> events) {
        Instant now = Instant.now();
        List<Uni<Void>> sends = events.stream()
                .map(event -> send(new InboundEnvelope(channel.id(), channel.type(), now, normalized(channel, event,
                        now))))
                .toList();
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /**
     * Records the provider updates of a delivery or batch that the adapter could not read and dropped: one warning and
     * one count each ({@code parley_inbound_unusable_total} by channel type and reason), never their content.
     */
    public void unusable(ResolvedChannel channel, List<String> reasons) {
        for (String reason : reasons) {
            LOG.warnf("Channel %s (%s): dropped an update that could not be read: %s", channel.id(), channel.type(),
                    reason);
            metrics.counter(UNUSABLE, "channel_type", channel.type(), "reason", reason).increment();
        }
    }

    private InboundEvent normalized(ResolvedChannel channel, InboundEvent event, Instant now) {
        InboundEvent clamped = InboundNormalizer.clampTime(event, now);
        if (clamped != event) {
            metrics.counter(NORMALIZED, "channel_type", channel.type(), "what", "time").increment();
        }
        return clamped;
    }

    private Uni<Void> send(InboundEnvelope envelope) {
        String value;
        try {
            JsonNode tree = json.valueToTree(envelope);
            int cleaned = InboundNormalizer.cleanTree(tree);
            if (cleaned > 0) {
                metrics.counter(NORMALIZED, "channel_type", envelope.channelType(), "what", "string")
                        .increment(cleaned);
            }
            value = json.writeValueAsString(tree);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(InboundNormalizer.clean(envelope.key())).build();
        return kafka.sendMessage(Message.of(value).addMetadata(metadata));
    }
}

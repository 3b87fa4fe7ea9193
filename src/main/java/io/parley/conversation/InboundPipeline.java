package io.parley.conversation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The conversation pipeline: consumes {@code parley.inbound} in batches; within a batch, chats are processed in
 * parallel and each chat's events strictly in order, each event in one database transaction (new messages through
 * {@link InboundStore}). A batch's Kafka offsets are committed only after all its transactions, and redelivered events
 * change nothing, so a crash at any point loses and duplicates nothing.
 */
@ApplicationScoped
class InboundPipeline {

    private static final Logger LOG = Logger.getLogger(InboundPipeline.class);

    private final ObjectMapper json;
    private final InboundStore store;
    private final ConversationEvents events;

    @Inject
    @Channel("inbound-dead-letter")
    MutinyEmitter<String> deadLetters;

    InboundPipeline(ObjectMapper json, InboundStore store, ConversationEvents events) {
        this.json = json;
        this.store = store;
        this.events = events;
    }

    @Incoming("inbound")
    Uni<Void> consume(ConsumerRecords<String, String> batch) {
        Map<String, List<String>> byChat = new LinkedHashMap<>();
        batch.forEach(record -> byChat.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>())
                .add(record.value()));
        List<Uni<Void>> chats = new ArrayList<>();
        byChat.values().forEach(values -> {
            Uni<Void> inOrder = Uni.createFrom().voidItem();
            for (String value : values) {
                inOrder = inOrder.chain(() -> process(value));
            }
            chats.add(inOrder);
        });
        return chats.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(chats).andFailFast().replaceWithVoid();
    }

    /** Applies one record; one that cannot be read or keeps failing goes to the dead-letter topic. */
    private Uni<Void> process(String value) {
        InboundEnvelope envelope;
        try {
            envelope = json.readValue(value, InboundEnvelope.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Unreadable inbound record sent to the dead-letter topic: %s", e.getOriginalMessage());
            return deadLetters.send(value);
        }
        return apply(envelope)
                .onFailure().invoke(e -> LOG.warnf("Inbound event on channel %s failed, retrying: %s",
                        envelope.channelId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(20)
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("Inbound event on channel %s sent to the dead-letter topic after retries: %s",
                            envelope.channelId(), e.toString());
                    return deadLetters.send(value);
                });
    }

    Uni<Void> apply(InboundEnvelope envelope) {
        return switch (envelope.event()) {
            case InboundEvent.MessageReceived m -> store.received(envelope, m, OffsetDateTime.now(ZoneOffset.UTC));
            case InboundEvent.MessageEdited e -> Panache.withTransaction(() -> edited(envelope.channelId(), e));
            case InboundEvent.DeliveryStatusChanged d -> Panache.withTransaction(() -> delivery(envelope.channelId(), d));
            case InboundEvent.ContactBlocked b -> Panache.withTransaction(() -> blocked(envelope.channelId(), b));
        };
    }

    private Uni<Void> edited(UUID channelId, InboundEvent.MessageEdited e) {
        return MessageEntity.<MessageEntity> find("channelId = ?1 and direction = ?2 and externalId = ?3", channelId,
                Direction.IN, e.externalMessageId()).firstResult()
                .invoke(message -> {
                    if (message != null) {
                        message.text = e.text();
                        message.editedAt = e.occurredAt().atOffset(ZoneOffset.UTC);
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> delivery(UUID channelId, InboundEvent.DeliveryStatusChanged d) {
        return MessageEntity.<MessageEntity> find("channelId = ?1 and direction = ?2 and externalId = ?3", channelId,
                Direction.OUT, d.externalMessageId()).firstResult()
                .chain(message -> {
                    if (message == null || !advances(message.deliveryStatus, d.status())) {
                        return Uni.createFrom().voidItem();
                    }
                    message.deliveryStatus = d.status();
                    String type = d.status() == DeliveryStatus.FAILED ? ConversationEvents.MESSAGE_FAILED
                            : ConversationEvents.MESSAGE_DELIVERED;
                    return events.message(type, message, null);
                });
    }

    private Uni<Void> blocked(UUID channelId, InboundEvent.ContactBlocked b) {
        return IdentityEntity.<IdentityEntity> find("channelId = ?1 and externalUserId = ?2", channelId,
                b.externalUserId()).firstResult()
                .invoke(identity -> {
                    if (identity != null) {
                        identity.unreachable = b.blocked();
                    }
                }).replaceWithVoid();
    }

    /** Statuses only move forward; a late SENT never overwrites DELIVERED. */
    static boolean advances(DeliveryStatus current, DeliveryStatus next) {
        if (current == null) {
            return true;
        }
        if (next == DeliveryStatus.FAILED) {
            return current == DeliveryStatus.PENDING || current == DeliveryStatus.SENT;
        }
        return current != DeliveryStatus.FAILED && next.ordinal() > current.ordinal();
    }
}

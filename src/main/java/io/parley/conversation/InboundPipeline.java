package io.parley.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.spi.InboundEvent;
import io.smallrye.mutiny.Uni;

/**
 * The conversation pipeline: consumes {@code parley.inbound} in batches; within a batch, chats are processed in
 * parallel and each chat's events strictly in order, each event in one database transaction on its own connection
 * ({@link InboundStore} for new messages, {@link InboundUpdates} for the rest). A batch's Kafka offsets are committed
 * only after all its transactions, and redelivered events change nothing, so a crash at any point loses and duplicates
 * nothing.
 * <p>
 * No record can stop the pipeline: a record that fails is retried within a time budget, then deferred or parked by
 * {@link InboundParking}, and the rest of its chat and batch goes on; a batch never runs past its budget, so the
 * consumer stays within Kafka's limits.
 */
@ApplicationScoped
class InboundPipeline {

    private final ObjectMapper json;
    private final InboundStore store;
    private final InboundUpdates updates;
    private final InboundParking parking;
    private final ConversationConfig.Pipeline config;

    InboundPipeline(ObjectMapper json, InboundStore store, InboundUpdates updates, InboundParking parking,
            ConversationConfig config) {
        this.json = json;
        this.store = store;
        this.updates = updates;
        this.parking = parking;
        this.config = config.pipeline();
    }

    @Incoming("inbound")
    Uni<Void> consume(ConsumerRecords<String, String> batch) {
        Instant deadline = Instant.now().plus(config.batchBudget());
        Map<String, List<ConsumerRecord<String, String>>> byChat = new LinkedHashMap<>();
        batch.forEach(record -> byChat.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>())
                .add(record));
        List<Uni<Void>> chats = new ArrayList<>();
        byChat.values().forEach(records -> {
            Uni<Void> inOrder = Uni.createFrom().voidItem();
            for (ConsumerRecord<String, String> record : records) {
                inOrder = inOrder.chain(() -> process(record, deadline));
            }
            chats.add(inOrder);
        });
        return chats.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(chats).andFailFast().replaceWithVoid();
    }

    /** Applies one record, retrying within its budget; one that still fails is deferred or parked. */
    private Uni<Void> process(ConsumerRecord<String, String> record, Instant batchDeadline) {
        InboundEnvelope envelope;
        try {
            envelope = json.readValue(record.value(), InboundEnvelope.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return parking.park(record, null, "permanent", "unreadable record");
        }
        Instant now = Instant.now();
        if (!now.isBefore(batchDeadline)) {
            return parking.later(record, envelope.channelId(), "batch budget exhausted");
        }
        Instant until = now.plus(config.recordBudget());
        Instant expiry = until.isBefore(batchDeadline) ? until : batchDeadline;
        Duration budget = Duration.between(now, expiry);
        return Uni.createFrom().deferred(() -> apply(envelope))
                .ifNoItem().after(budget).fail()
                .onFailure(failure -> !InboundFailures.permanent(failure))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).expireAt(expiry.toEpochMilli())
                .onFailure().recoverWithUni(failure -> parking.failed(record, envelope.channelId(), failure));
    }

    Uni<Void> apply(InboundEnvelope envelope) {
        return switch (envelope.event()) {
            case InboundEvent.MessageReceived m -> store.received(envelope, m, OffsetDateTime.now(ZoneOffset.UTC));
            case InboundEvent.MessageEdited e -> updates.edited(envelope.channelId(), e);
            case InboundEvent.DeliveryStatusChanged d -> updates.delivery(envelope.channelId(), d);
            case InboundEvent.ContactBlocked b -> updates.blocked(envelope.channelId(), b);
            case InboundEvent.ReplySentElsewhere r -> updates.sentElsewhere(envelope, r);
        };
    }
}

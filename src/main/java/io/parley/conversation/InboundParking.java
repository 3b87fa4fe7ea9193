package io.parley.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Where an inbound record goes when it cannot be applied now (see {@link ConversationConfig.Pipeline}): to
 * {@code parley.inbound-retry} for a later attempt, or parked in {@code parley.dead-letter} with the reason in its
 * headers, an {@value #PARKED} event and a count in {@code parley_inbound_parked_total}. Nothing here logs or
 * publishes the record's content.
 */
@ApplicationScoped
class InboundParking {

    static final String PARKED = "io.parley.inbound.parked";
    static final String REDELIVERIES = "parley-redeliveries";
    static final String RETRY_AT = "parley-retry-at";

    private static final Logger LOG = Logger.getLogger(InboundParking.class);

    /** What a parked-record event says (never the record's content). */
    record ParkedData(UUID channelId, String recordKey, String topic, int partition, long offset, String failure,
            String reason, int redeliveries) {
    }

    private final ConversationConfig config;
    private final EventPublisher events;
    private final MeterRegistry metrics;
    private final Pool pool;

    @Inject
    @Channel("inbound-dead-letter")
    MutinyEmitter<String> deadLetters;

    @Inject
    @Channel("inbound-retry-out")
    MutinyEmitter<String> retries;

    InboundParking(ConversationConfig config, EventPublisher events, MeterRegistry metrics, Pool pool) {
        this.config = config;
        this.events = events;
        this.metrics = metrics;
        this.pool = pool;
    }

    /** A record that failed: parked at once when the failure will recur, else tried again later while it may. */
    Uni<Void> failed(ConsumerRecord<String, String> record, UUID channelId, Throwable failure) {
        String reason = InboundFailures.reason(failure);
        if (InboundFailures.permanent(failure)) {
            return park(record, channelId, "permanent", reason);
        }
        return later(record, channelId, reason);
    }

    /** A record that could not be tried now (its batch ran out of time, or a try failed transiently). */
    Uni<Void> later(ConsumerRecord<String, String> record, UUID channelId, String reason) {
        int redeliveries = redeliveries(record.headers());
        if (redeliveries >= config.pipeline().maxRedeliveries()) {
            return park(record, channelId, "transient", reason);
        }
        LOG.warnf("Inbound record %s-%d@%d on channel %s deferred (%s), redelivery %d", record.topic(),
                record.partition(), record.offset(), channelId, reason, redeliveries + 1);
        metrics.counter("parley.inbound.redelivered", "reason", reason).increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REDELIVERIES, bytes(String.valueOf(redeliveries + 1)));
        headers.add(RETRY_AT, bytes(String.valueOf(
                Instant.now().plus(config.pipeline().redeliveryDelay()).toEpochMilli())));
        return retries.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }

    /** Parks a record for good: the dead-letter topic (with why), an event, a metric. */
    Uni<Void> park(ConsumerRecord<String, String> record, UUID channelId, String failure, String reason) {
        int redeliveries = redeliveries(record.headers());
        LOG.errorf("Inbound record %s-%d@%d on channel %s parked in parley.dead-letter: %s failure, %s",
                record.topic(), record.partition(), record.offset(), channelId, failure, reason);
        metrics.counter("parley.inbound.parked", "failure", failure, "reason", reason).increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add("parley-source", bytes("inbound"));
        headers.add("parley-failure", bytes(failure));
        headers.add("parley-reason", bytes(reason));
        headers.add("parley-original", bytes(record.topic() + "-" + record.partition() + "@" + record.offset()));
        headers.add(REDELIVERIES, bytes(String.valueOf(redeliveries)));
        ParkedData data = new ParkedData(channelId, record.key(), record.topic(), record.partition(), record.offset(),
                failure, reason, redeliveries);
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata
                .<String> builder().withKey(record.key()).withHeaders(headers).build()))
                .chain(() -> announce(record, data));
    }

    /** The event is told where possible; when the database is what failed, the log and the metric tell. */
    private Uni<Void> announce(ConsumerRecord<String, String> record, ParkedData data) {
        String key = String.valueOf(record.key());
        return pool.withTransaction(c -> events.publish(c, PARKED, key, key, data))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Event for the parked inbound record %s-%d@%d not published: %s", record.topic(),
                            record.partition(), record.offset(), InboundFailures.reason(e));
                    return null;
                });
    }

    static int redeliveries(Headers headers) {
        Header header = headers.lastHeader(REDELIVERIES);
        if (header == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package io.parley.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends records deferred to {@code parley.inbound-retry} back to {@code parley.inbound} once their delay is over, with
 * their redelivery count, so that the chat's key keeps one writer: the pipeline.
 */
@ApplicationScoped
class InboundRedelivery {

    private final ConversationConfig config;

    @Inject
    @Channel("inbound-redelivery-out")
    MutinyEmitter<String> inbound;

    InboundRedelivery(ConversationConfig config) {
        this.config = config;
    }

    @Incoming("inbound-retry")
    Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(InboundParking.REDELIVERIES, String.valueOf(InboundParking.redeliveries(record.headers()))
                .getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build());
        Duration wait = wait(record.headers().lastHeader(InboundParking.RETRY_AT));
        Uni<Void> due = wait.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return due.chain(() -> inbound.sendMessage(message));
    }

    /** Until the record's retry time, never longer than the configured delay (a clock step cannot stall it). */
    private Duration wait(Header retryAt) {
        if (retryAt == null) {
            return Duration.ZERO;
        }
        try {
            long at = Long.parseLong(new String(retryAt.value(), StandardCharsets.UTF_8));
            Duration left = Duration.between(Instant.now(), Instant.ofEpochMilli(at));
            Duration max = config.pipeline().redeliveryDelay();
            return left.isNegative() ? Duration.ZERO : left.compareTo(max) > 0 ? max : left;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}

package io.parley.channel.inapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Gets visitor events to the instance that holds the visitor's WebSocket: every instance consumes
 * {@code parley.inapp-push} with its own consumer group and pushes to the visitors connected to it. A visitor who is
 * not connected anywhere fetches what they missed over REST when they come back.
 */
@ApplicationScoped
class VisitorBroadcast {

    private static final Logger LOG = Logger.getLogger(VisitorBroadcast.class);

    private final ObjectMapper json;
    private final VisitorConnections connections;

    @Inject
    @Channel("inapp-push-out")
    MutinyEmitter<String> kafka;

    VisitorBroadcast(ObjectMapper json, VisitorConnections connections) {
        this.json = json;
        this.connections = connections;
    }

    /** Completes when the event is durably on the broadcast topic. */
    Uni<Void> publish(VisitorEvent event) {
        try {
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(event.channelId() + ":" + event.visitorId()).build();
            return kafka.sendMessage(Message.of(json.writeValueAsString(event)).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    @Incoming("inapp-push")
    Uni<Void> deliver(String value) {
        VisitorEvent event;
        try {
            event = json.readValue(value, VisitorEvent.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping unreadable visitor event: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        connections.of(event.channelId(), event.visitorId()).forEach(connection -> connection.sendText(value)
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Visitor connection closed while pushing: %s", failure.getMessage())));
        return Uni.createFrom().voidItem();
    }
}

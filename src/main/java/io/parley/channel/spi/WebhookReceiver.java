package io.parley.channel.spi;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * A channel whose provider pushes updates over HTTP to {@code /webhooks/{type}/{channelId}}. The runtime answers the
 * provider with {@link Result#status()} and {@link Result#body()} only after the returned events are durably in Kafka.
 */
public interface WebhookReceiver extends ChannelAdapter {

    /**
     * Verifies and parses one delivery. Fails with {@link ChannelException} holding
     * {@link ChannelFailure.AuthenticationFailed} for a bad signature or secret (answered 401/403).
     */
    Uni<Result> receive(Request request);

    /**
     * One HTTP delivery from the provider.
     *
     * @param headers header names in lower case
     */
    record Request(Map<String, String> headers, Map<String, String> query, byte[] body) {
    }

    /** The events to ingest and the answer the provider expects. */
    record Result(List<InboundEvent> events, int status, String contentType, String body) {

        public Result {
            events = List.copyOf(events);
        }
    }
}

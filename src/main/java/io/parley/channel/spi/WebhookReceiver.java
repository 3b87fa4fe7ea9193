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
     * {@link ChannelFailure.AuthenticationFailed} for a bad signature or secret (answered 401), or returns
     * {@link Result#refused} when the provider expects another answer; fails with {@link ChannelFailure.Permanent} for
     * a body that is not the provider's format (400). Any other failure is a defect of the adapter; the runtime still
     * answers it 400 and counts it, never 5xx.
     */
    Uni<Result> receive(Request request);

    /**
     * One HTTP delivery from the provider.
     *
     * @param headers header names in lower case
     */
    record Request(Map<String, String> headers, Map<String, String> query, byte[] body) {
    }

    /**
     * The events to ingest and the answer the provider expects.
     *
     * @param refusedReason set when the delivery's secret or signature was refused but the provider expects an answer
     *        of the adapter's choosing (VK: 403 {@code forbidden}); the runtime logs and counts it like a thrown
     *        {@link ChannelFailure.AuthenticationFailed}. Never the secret itself.
     * @param unusable why each update of the delivery that could not be read was dropped (see {@link Unusable}); the
     *        runtime logs and counts them
     */
    record Result(List<InboundEvent> events, int status, String contentType, String body, String refusedReason,
            List<String> unusable) {

        public Result {
            events = List.copyOf(events);
            unusable = List.copyOf(unusable);
        }

        /** An accepted delivery. */
        public Result(List<InboundEvent> events, int status, String contentType, String body) {
            this(events, status, contentType, body, null, List.of());
        }

        /** An accepted delivery of which some updates could not be read and were dropped. */
        public Result(List<InboundEvent> events, int status, String contentType, String body, List<String> unusable) {
            this(events, status, contentType, body, null, unusable);
        }

        /** A delivery whose secret or signature was refused, answered as the provider expects. */
        public static Result refused(int status, String contentType, String body, String reason) {
            return new Result(List.of(), status, contentType, body, reason, List.of());
        }
    }
}

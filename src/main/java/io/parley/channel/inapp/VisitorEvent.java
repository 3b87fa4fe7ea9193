package io.parley.channel.inapp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.channel.spi.Attachment;

/**
 * What the visitor's WebSocket receives: {@code message} (an operator reply) or {@code typing}.
 *
 * @param channelId the in-app channel
 * @param visitorId the visitor (chat) it is for
 */
record VisitorEvent(String type, UUID channelId, String visitorId, String id, String text,
        List<Attachment> attachments, Instant sentAt) {

    static VisitorEvent message(UUID channelId, String visitorId, String id, String text,
            List<Attachment> attachments, Instant sentAt) {
        return new VisitorEvent("message", channelId, visitorId, id, text, attachments, sentAt);
    }

    static VisitorEvent typing(UUID channelId, String visitorId, Instant at) {
        return new VisitorEvent("typing", channelId, visitorId, null, null, List.of(), at);
    }
}

package io.parley.channel.runtime;

import java.time.Instant;
import java.util.UUID;

import io.parley.channel.spi.InboundEvent;

/**
 * What ingress writes to {@code parley.inbound}: a normalized event and the channel instance it came through. The Kafka
 * key is {@code channelId:externalChatId}, so one chat's events stay in order.
 */
public record InboundEnvelope(UUID channelId, String channelType, Instant acceptedAt, InboundEvent event) {

    public String key() {
        return channelId + ":" + event.externalChatId();
    }
}

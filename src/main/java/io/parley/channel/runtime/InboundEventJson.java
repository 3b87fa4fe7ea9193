package io.parley.channel.runtime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.InboundEvent;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The JSON form of {@link InboundEvent} on Kafka: a {@code kind} property names the event. Kept out of the SPI, which
 * uses only JDK and Mutiny types.
 */
@Singleton
public class InboundEventJson implements ObjectMapperCustomizer {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = InboundEvent.MessageReceived.class, name = "message"),
            @JsonSubTypes.Type(value = InboundEvent.MessageEdited.class, name = "edit"),
            @JsonSubTypes.Type(value = InboundEvent.DeliveryStatusChanged.class, name = "delivery"),
            @JsonSubTypes.Type(value = InboundEvent.ContactBlocked.class, name = "blocked"),
            @JsonSubTypes.Type(value = InboundEvent.ReplySentElsewhere.class, name = "sent-elsewhere") })
    interface Mixin {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(InboundEvent.class, Mixin.class);
    }
}

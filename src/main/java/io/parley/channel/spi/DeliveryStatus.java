package io.parley.channel.spi;

/**
 * Where an outbound message is: {@code PENDING → SENT → DELIVERED → READ}, or {@code FAILED} from any state before
 * {@code DELIVERED}.
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DELIVERED,
    READ,
    FAILED
}

package io.parley.channel.spi;

/**
 * A successful send.
 *
 * @param externalMessageId the provider's id of the sent message, used to match delivery statuses
 */
public record SendResult(String externalMessageId) {
}

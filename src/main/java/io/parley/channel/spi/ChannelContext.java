package io.parley.channel.spi;

import java.time.Clock;
import java.util.UUID;

/**
 * What the runtime tells an adapter about its channel instance.
 *
 * @param channelId the instance id
 * @param type the channel type
 * @param publicBaseUrl the externally reachable base URL of Parley, for registering webhooks
 * @param clock the clock to use for timestamps
 */
public record ChannelContext(UUID channelId, String type, String publicBaseUrl, Clock clock) {
}

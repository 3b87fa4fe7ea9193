package io.parley.channel.runtime;

import java.util.UUID;

import io.parley.channel.spi.ChannelAdapter;

/** A channel instance with its live adapter. */
public record ResolvedChannel(UUID id, String type, String name, boolean enabled, String disabledReason,
        ChannelAdapter adapter) {
}

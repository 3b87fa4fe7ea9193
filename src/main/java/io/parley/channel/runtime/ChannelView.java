package io.parley.channel.runtime;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A channel instance as the admin API shows it: secrets are never returned, only which ones are set.
 *
 * @param secretsSet the names of the secrets that have a value
 */
public record ChannelView(UUID id, String type, String name, boolean enabled, String disabledReason,
        Map<String, String> config, Set<String> secretsSet, int version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static ChannelView of(ChannelEntity entity, Set<String> secretNames) {
        return new ChannelView(entity.id, entity.type, entity.name, entity.enabled, entity.disabledReason,
                entity.config, new TreeSet<>(secretNames), entity.version, entity.createdAt, entity.updatedAt);
    }
}

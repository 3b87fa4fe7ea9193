package io.parley.channel.runtime;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A channel instance as the admin API shows it: secrets are never returned, only which ones are set, except secrets
 * Parley generated, once, in the answer to the creation.
 *
 * @param secretsSet the names of the secrets that have a value
 * @param generatedSecrets secrets Parley generated at creation (see {@code GeneratedSecrets}); empty otherwise
 * @param pollProblem why the channel's poll loop gets nothing although it is enabled (another client takes its
 *        updates), since {@code pollProblemSince}; absent while polling works
 */
public record ChannelView(UUID id, String type, String name, boolean enabled, String disabledReason,
        Map<String, String> config, Set<String> secretsSet, int version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> generatedSecrets,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pollProblem,
        @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime pollProblemSince) {

    static ChannelView of(ChannelEntity entity, Set<String> secretNames) {
        return new ChannelView(entity.id, entity.type, entity.name, entity.enabled, entity.disabledReason,
                entity.config, new TreeSet<>(secretNames), entity.version, entity.createdAt, entity.updatedAt,
                Map.of(), entity.pollProblem, entity.pollProblemSince);
    }

    ChannelView withGeneratedSecrets(Map<String, String> generated) {
        return new ChannelView(id, type, name, enabled, disabledReason, config, secretsSet, version, createdAt,
                updatedAt, Map.copyOf(generated), pollProblem, pollProblemSince);
    }
}

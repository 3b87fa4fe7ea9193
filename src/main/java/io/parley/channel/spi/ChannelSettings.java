package io.parley.channel.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The raw settings of a channel instance as an administrator entered them.
 *
 * @param config plain settings, returned by the admin API
 * @param secrets credentials (tokens, signing secrets); encrypted at rest, never returned by the admin API
 */
public record ChannelSettings(Map<String, String> config, Map<String, String> secrets) {

    public ChannelSettings {
        config = Map.copyOf(config);
        secrets = Map.copyOf(secrets);
    }

    /** A required plain setting; fails naming {@code config.<name>} when absent or blank. */
    public String requireConfig(String name) {
        return require(config, "config." + name, name);
    }

    /** A required secret; fails naming {@code secrets.<name>} when absent or blank. */
    public String requireSecret(String name) {
        return require(secrets, "secrets." + name, name);
    }

    public Optional<String> config(String name) {
        return Optional.ofNullable(config.get(name)).filter(v -> !v.isBlank());
    }

    private static String require(Map<String, String> values, String field, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidChannelConfigException(field, "is required");
        }
        return value;
    }
}

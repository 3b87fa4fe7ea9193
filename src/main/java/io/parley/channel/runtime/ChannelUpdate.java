package io.parley.channel.runtime;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Changes a channel instance. Absent fields stay as they are; {@code config} replaces the plain settings;
 * {@code secrets} replaces only the named secrets (an empty value removes one).
 */
public record ChannelUpdate(@Size(min = 1, max = 200) String name, Map<String, @NotNull String> config,
        Map<String, @NotNull String> secrets) {
}

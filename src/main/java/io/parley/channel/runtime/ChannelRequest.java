package io.parley.channel.runtime;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Creates a channel instance.
 *
 * @param type a channel type this build knows ({@code GET /api/admin/channel-types})
 * @param config plain settings, validated by the type's adapter
 * @param secrets credentials; encrypted at rest and never returned
 */
public record ChannelRequest(@NotBlank @Size(max = 32) String type, @NotBlank @Size(max = 200) String name,
        Map<String, @NotNull String> config, Map<String, @NotNull String> secrets) {
}

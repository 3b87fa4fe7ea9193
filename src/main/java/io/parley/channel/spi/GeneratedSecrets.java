package io.parley.channel.spi;

import java.util.Map;

/**
 * Implemented by a {@link ChannelAdapterFactory} whose secrets Parley may generate. Secrets an administrator or
 * integrator leaves out when creating a channel are generated, stored encrypted like any other, and returned once in
 * the creation's answer ({@code generatedSecrets}); they are never shown again.
 */
public interface GeneratedSecrets {

    /** The secrets to generate when they are absent, by name, with fresh random values. */
    Map<String, String> generateSecrets();
}

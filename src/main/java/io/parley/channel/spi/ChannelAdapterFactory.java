package io.parley.channel.spi;

/**
 * Creates adapters of one channel type. Implementations are {@code @ApplicationScoped} CDI beans; Parley refuses to
 * start when two factories declare the same {@link #type()}.
 *
 * @param <C> the validated configuration of one channel instance, usually a record
 */
public interface ChannelAdapterFactory<C> {

    /** The channel type name used in the admin API and in stored messages, e.g. {@code telegram}; lower case. */
    String type();

    /**
     * Validates an instance's settings and turns them into the typed configuration.
     *
     * @throws InvalidChannelConfigException naming the first bad field, e.g. {@code secrets.botToken}
     */
    C configure(ChannelSettings settings);

    /** Creates the adapter for one channel instance from a configuration {@link #configure} accepted. */
    ChannelAdapter create(ChannelContext context, C config);
}

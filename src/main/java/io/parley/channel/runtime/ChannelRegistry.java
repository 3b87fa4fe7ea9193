package io.parley.channel.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.parley.channel.spi.ChannelAdapterFactory;

/**
 * The channel types this build knows: every {@link ChannelAdapterFactory} bean, by type name. Start-up fails when two
 * factories claim one type or a type name is malformed.
 */
@ApplicationScoped
public class ChannelRegistry {

    private static final Logger LOG = Logger.getLogger(ChannelRegistry.class);

    private final Map<String, ChannelAdapterFactory<?>> factories = new TreeMap<>();

    ChannelRegistry(Instance<ChannelAdapterFactory<?>> beans) {
        for (ChannelAdapterFactory<?> factory : beans) {
            String type = factory.type();
            if (type == null || !type.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalStateException("Channel factory " + factory.getClass().getName()
                        + " has an invalid type name '" + type + "' (lower case letters, digits, '-')");
            }
            ChannelAdapterFactory<?> previous = factories.put(type, factory);
            if (previous != null) {
                throw new IllegalStateException("Channel type '" + type + "' is declared twice: by "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        LOG.infof("Channel types available: %s", factories.keySet());
    }

    public Optional<ChannelAdapterFactory<?>> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    public Set<String> types() {
        return factories.keySet();
    }
}

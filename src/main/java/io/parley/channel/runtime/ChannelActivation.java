package io.parley.channel.runtime;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.channel.spi.Activatable;
import io.parley.channel.spi.ChannelException;
import io.smallrye.mutiny.Uni;

/**
 * Tells a channel's provider that the channel starts or stops taking traffic ({@link Activatable}), after an
 * administrator created, changed, enabled or disabled it.
 */
@ApplicationScoped
class ChannelActivation {

    private static final Logger LOG = Logger.getLogger(ChannelActivation.class);

    private final ChannelDirectory directory;

    ChannelActivation(ChannelDirectory directory) {
        this.directory = directory;
    }

    /**
     * Activates an enabled channel or deactivates a disabled one. Completes with {@code null} on success (or when the
     * channel needs no activation) and with a log-safe reason when activation failed.
     */
    Uni<String> apply(UUID channelId) {
        directory.evict(channelId);
        return directory.resolve(channelId).chain(channel -> {
            if (!(channel.adapter() instanceof Activatable activatable)) {
                return Uni.createFrom().nullItem();
            }
            if (!channel.enabled()) {
                return activatable.deactivate()
                        .onFailure().invoke(e -> LOG.warnf("Deactivating channel %s failed: %s", channelId,
                                reason(e)))
                        .onFailure().recoverWithNull().replaceWith((String) null);
            }
            return activatable.activate().replaceWith((String) null)
                    .invoke(() -> LOG.infof("Channel %s activated at its provider", channelId))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("Activating channel %s failed: %s", channelId, reason(e));
                        return reason(e);
                    });
        });
    }

    private static String reason(Throwable e) {
        return e instanceof ChannelException ce ? ce.failure().reason() : e.getClass().getSimpleName();
    }
}

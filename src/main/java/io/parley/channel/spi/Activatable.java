package io.parley.channel.spi;

import io.smallrye.mutiny.Uni;

/**
 * A channel that must tell its provider when it starts or stops taking traffic, e.g. Telegram's {@code setWebhook} and
 * {@code deleteWebhook}. The runtime calls {@link #activate()} after the channel is created, changed or enabled, and
 * {@link #deactivate()} after it is disabled; the call runs on the instance that handled the administrator's request.
 */
public interface Activatable extends ChannelAdapter {

    /**
     * Registers the channel with its provider. Fails with a {@link ChannelException}; the runtime then disables the
     * channel and reports the failure's reason to the administrator.
     */
    Uni<Void> activate();

    /** Unregisters the channel; best effort, failures are only logged. */
    Uni<Void> deactivate();
}

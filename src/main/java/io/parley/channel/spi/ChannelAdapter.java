package io.parley.channel.spi;

/**
 * One configured channel instance. Capabilities come from the optional interfaces it also implements
 * ({@link WebhookReceiver}, {@link Poller}, {@link MessageSender}, {@link TypingSender},
 * {@link Activatable}).
 */
public interface ChannelAdapter {

    /** What this channel supports and its limits, which the runtime enforces. */
    ChannelCapabilities capabilities();
}

package io.parley.channel.inapp;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;

/** The {@code inapp} channel type: a company's own app or site chat, with the widget Parley serves. */
@ApplicationScoped
public class InAppAdapterFactory implements ChannelAdapterFactory<InAppConfig> {

    public static final String TYPE = "inapp";

    private final VisitorBroadcast broadcast;

    InAppAdapterFactory(VisitorBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public InAppConfig configure(ChannelSettings settings) {
        return InAppConfig.of(settings);
    }

    @Override
    public ChannelAdapter create(ChannelContext context, InAppConfig config) {
        return new InAppAdapter(context, config, broadcast);
    }
}

package io.parley.channel.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The {@code webhook} channel type: a channel integrators register at runtime (role {@code integrator}) to connect
 * any system that can send and receive signed HTTP requests. The contract is in docs/channels.md.
 */
@ApplicationScoped
public class WebhookChannelFactory implements ChannelAdapterFactory<WebhookConfig> {

    public static final String TYPE = "webhook";

    private final WebClient http;

    WebhookChannelFactory(Vertx vertx) {
        this.http = WebClient.create(vertx);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public WebhookConfig configure(ChannelSettings settings) {
        return WebhookConfig.of(settings);
    }

    @Override
    public ChannelAdapter create(ChannelContext context, WebhookConfig config) {
        return new WebhookAdapter(context, config, http);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}

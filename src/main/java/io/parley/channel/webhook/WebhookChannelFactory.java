package io.parley.channel.webhook;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.GeneratedSecrets;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The {@code webhook} channel type: a channel integrators register at runtime (role {@code integrator}) to connect
 * any system that can send and receive signed HTTP requests. The contract is in docs/channels.md.
 */
@ApplicationScoped
public class WebhookChannelFactory implements ChannelAdapterFactory<WebhookConfig>, GeneratedSecrets {

    public static final String TYPE = "webhook";

    private final WebClient http;
    private final SecureRandom random = new SecureRandom();

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

    /** A signing secret the integrator did not choose: 32 random bytes, hex. */
    @Override
    public Map<String, String> generateSecrets() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Map.of("signingSecret", HexFormat.of().formatHex(secret));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}

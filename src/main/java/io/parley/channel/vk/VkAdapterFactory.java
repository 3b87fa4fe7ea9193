package io.parley.channel.vk;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The {@code vk} channel type: a VK community's messages, through the Callback API or Bots Long Poll. */
@ApplicationScoped
public class VkAdapterFactory implements ChannelAdapterFactory<VkConfig> {

    public static final String TYPE = "vk";

    private final WebClient http;
    /** Long Poll servers and keys by channel, kept while adapters are replaced. */
    private final Map<UUID, VkLongPollAdapter.Server> servers = new ConcurrentHashMap<>();
    /** Senders' names by community, kept while adapters are replaced. */
    private final VkNames names = new VkNames();

    VkAdapterFactory(Vertx vertx) {
        this.http = WebClient.create(vertx);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VkConfig configure(ChannelSettings settings) {
        return VkConfig.of(settings);
    }

    @Override
    public ChannelAdapter create(ChannelContext context, VkConfig config) {
        VkApi api = new VkApi(http, config);
        VkUploads uploads = new VkUploads(http, api, VkAdapter.CAPABILITIES.maxAttachmentBytes());
        return config.mode() == VkConfig.Mode.CALLBACK ? new VkCallbackAdapter(context, config, api, uploads, names)
                : new VkLongPollAdapter(context, config, api, uploads, names, servers);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}

package io.parley.channel.telegram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelSettings;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The {@code telegram} channel type: a Telegram bot, in webhook or long-polling mode. */
@ApplicationScoped
public class TelegramAdapterFactory implements ChannelAdapterFactory<TelegramConfig> {

    public static final String TYPE = "telegram";

    private final WebClient http;
    /** Groups that became supergroups ({@code channelId:oldChatId} → new chat id), shared by an instance's adapters. */
    private final Map<String, Long> migratedChats = new ConcurrentHashMap<>();
    /** Per-chat send slots, shared by an instance's adapters (an adapter is rebuilt when its channel changes). */
    private final ChatPacer pacer = new ChatPacer();
    private final TelegramLimits limits;

    TelegramAdapterFactory(Vertx vertx, TelegramLimits limits) {
        this.http = WebClient.create(vertx);
        this.limits = limits;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TelegramConfig configure(ChannelSettings settings) {
        return TelegramConfig.of(settings);
    }

    @Override
    public ChannelAdapter create(ChannelContext context, TelegramConfig config) {
        TelegramApi api = new TelegramApi(http, config);
        return config.mode() == TelegramConfig.Mode.WEBHOOK
                ? new TelegramWebhookAdapter(context, config, api, migratedChats, limits, pacer)
                : new TelegramPollingAdapter(context, config, api, migratedChats, limits, pacer);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}

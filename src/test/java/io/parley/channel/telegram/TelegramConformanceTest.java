package io.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.WebhookReceiver;
import io.parley.channel.spi.kit.ChannelAdapterConformance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** The Telegram adapter passes the conformance kit with every inbound kind it reads. */
class TelegramConformanceTest extends ChannelAdapterConformance<TelegramConfig> {

    static final List<String> FIXTURES = List.of("text", "photo", "document", "voice", "video", "location", "contact",
            "edited", "callback", "blocked", "sticker", "pinned");
    private static final Vertx VERTX = Vertx.vertx();
    private static final TelegramAdapterFactory FACTORY = new TelegramAdapterFactory(VERTX, TestLimits.NONE);
    private static final FakeTelegram TELEGRAM = FakeTelegram.started();

    @AfterAll
    static void close() {
        TELEGRAM.close();
        VERTX.closeAndAwait();
    }

    @Override
    protected ChannelAdapterFactory<TelegramConfig> factory() {
        return FACTORY;
    }

    @Override
    protected ChannelSettings validSettings() {
        return new ChannelSettings(Map.of("apiBaseUrl", TELEGRAM.baseUrl()), Map.of("botToken", FakeTelegram.TOKEN));
    }

    @Override
    protected Map<String, ChannelSettings> invalidSettings() {
        Map<String, String> token = Map.of("botToken", FakeTelegram.TOKEN);
        return Map.of(
                "secrets.botToken", new ChannelSettings(Map.of(), Map.of("botToken", "not-a-token")),
                "config.mode", new ChannelSettings(Map.of("mode", "carrier-pigeon"), token),
                "config.apiBaseUrl", new ChannelSettings(Map.of("apiBaseUrl", "api.telegram.org"), token),
                "config.pollTimeoutSeconds", new ChannelSettings(Map.of("pollTimeoutSeconds", "90"), token));
    }

    @Override
    protected List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter) {
        TelegramWebhookAdapter telegram = (TelegramWebhookAdapter) adapter;
        return FIXTURES.stream().flatMap(name -> telegram.receive(request(telegram.webhookSecret(), name))
                .await().indefinitely().events().stream()).toList();
    }

    @Override
    protected List<Uni<?>> failingProviderCalls(ChannelAdapter adapter) {
        TELEGRAM.fail(777, FakeTelegram.error(403, "Forbidden: bot was blocked by the user", null));
        return List.of(((MessageSender) adapter).send(new OutboundMessage(UUID.randomUUID().toString(), "777", "hi",
                List.of(), null, List.of())), ((WebhookReceiver) adapter).receive(request("wrong", "text")));
    }

    static WebhookReceiver.Request request(String secret, String fixture) {
        return new WebhookReceiver.Request(Map.of(TelegramWebhookAdapter.SECRET_HEADER, secret), Map.of(),
                FakeTelegram.fixture(fixture).encode().getBytes(StandardCharsets.UTF_8));
    }
}

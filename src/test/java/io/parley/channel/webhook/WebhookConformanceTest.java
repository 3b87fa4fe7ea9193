package io.parley.channel.webhook;

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
import io.parley.channel.spi.kit.FakeChannelContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** The signed webhook adapter passes the conformance kit. */
class WebhookConformanceTest extends ChannelAdapterConformance<WebhookConfig> {

    static final String SECRET = "integrator-secret-0123456789abcdef";
    private static final Vertx VERTX = Vertx.vertx();
    private static final WebhookChannelFactory FACTORY = new WebhookChannelFactory(VERTX);

    @AfterAll
    static void close() {
        VERTX.closeAndAwait();
    }

    @Override
    protected ChannelAdapterFactory<WebhookConfig> factory() {
        return FACTORY;
    }

    @Override
    protected ChannelSettings validSettings() {
        // a port nothing listens on: sends fail as the integrator being unreachable
        return new ChannelSettings(Map.of("url", "http://127.0.0.1:9/parley"), Map.of("signingSecret", SECRET));
    }

    @Override
    protected Map<String, ChannelSettings> invalidSettings() {
        return Map.of(
                "config.url", new ChannelSettings(Map.of("url", "ftp://crm.example.com"), Map.of("signingSecret",
                        SECRET)),
                "secrets.signingSecret", new ChannelSettings(Map.of("url", "https://crm.example.com/hook"),
                        Map.of("signingSecret", "short")),
                "config.replayWindowSeconds", new ChannelSettings(Map.of("url", "https://crm.example.com/hook",
                        "replayWindowSeconds", "5"), Map.of("signingSecret", SECRET)));
    }

    @Override
    protected List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter) {
        WebhookReceiver receiver = (WebhookReceiver) adapter;
        return List.of(
                """
                        {"chatId":"order-5512","messageId":"m-1","sender":{"id":"c-42","name":"Ivan"},
                         "text":"Где мой заказ?","timestamp":"2026-03-01T09:29:00Z"}""",
                """
                        {"chatId":"order-5512","messageId":"m-2","sender":{"id":"c-42"},
                         "attachments":[{"url":"https://crm.example.com/f/1.jpg","name":"1.jpg","mediaType":"image/jpeg","size":1200}]}""",
                """
                        {"type":"edit","chatId":"order-5512","messageId":"m-1","text":"Где заказ 5512?"}""",
                """
                        {"type":"delivery","chatId":"order-5512","messageId":"%s","status":"READ"}"""
                        .formatted(UUID.randomUUID()))
                .stream().map(body -> receiver.receive(signed(body)).await().indefinitely().events().get(0)).toList();
    }

    @Override
    protected List<Uni<?>> failingProviderCalls(ChannelAdapter adapter) {
        WebhookReceiver.Request forged = new WebhookReceiver.Request(Map.of(
                "x-parley-timestamp", String.valueOf(FakeChannelContext.NOW.getEpochSecond()),
                "x-parley-signature", "sha256=00"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        return List.of(((MessageSender) adapter).send(new OutboundMessage(UUID.randomUUID().toString(), "order-1",
                "hello", List.of(), null, List.of())), ((WebhookReceiver) adapter).receive(forged));
    }

    static WebhookReceiver.Request signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(FakeChannelContext.NOW.getEpochSecond());
        return new WebhookReceiver.Request(Map.of("x-parley-timestamp", timestamp, "x-parley-signature",
                Signatures.sign(SECRET, timestamp, bytes)), Map.of(), bytes);
    }
}

package io.parley.channel.vk;

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
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/** The VK adapter passes the conformance kit with every event kind it reads. */
class VkConformanceTest extends ChannelAdapterConformance<VkConfig> {

    static final String SECRET = "parleysecret42";
    static final List<String> FIXTURES = List.of("message_new", "message_photo", "message_button", "message_edit",
            "message_deny", "message_voice", "message_geo", "message_forwarded", "message_sticker", "message_video");
    private static final Vertx VERTX = Vertx.vertx();
    private static final VkAdapterFactory FACTORY = new VkAdapterFactory(VERTX);
    private static final FakeVk VK = FakeVk.started();

    @AfterAll
    static void close() {
        VK.close();
        VERTX.closeAndAwait();
    }

    static ChannelSettings settings(String baseUrl, String mode) {
        return new ChannelSettings(Map.of("groupId", String.valueOf(FakeVk.GROUP), "confirmation", "a1b2c3d4",
                "apiBaseUrl", baseUrl, "mode", mode), Map.of("accessToken", FakeVk.TOKEN, "secretKey", SECRET));
    }

    @Override
    protected ChannelAdapterFactory<VkConfig> factory() {
        return FACTORY;
    }

    @Override
    protected ChannelSettings validSettings() {
        return settings(VK.baseUrl(), "callback");
    }

    @Override
    protected Map<String, ChannelSettings> invalidSettings() {
        Map<String, String> secrets = Map.of("accessToken", FakeVk.TOKEN, "secretKey", SECRET);
        return Map.of(
                "config.groupId", new ChannelSettings(Map.of("groupId", "club123", "confirmation", "x"), secrets),
                "secrets.accessToken", new ChannelSettings(Map.of("groupId", "1", "confirmation", "x"),
                        Map.of("accessToken", "short", "secretKey", SECRET)),
                "config.confirmation", new ChannelSettings(Map.of("groupId", "1"), secrets),
                "secrets.secretKey", new ChannelSettings(Map.of("groupId", "1", "confirmation", "x"),
                        Map.of("accessToken", FakeVk.TOKEN)),
                "config.mode", new ChannelSettings(Map.of("groupId", "1", "mode", "carrier-pigeon"), secrets));
    }

    @Override
    protected List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter) {
        WebhookReceiver vk = (WebhookReceiver) adapter;
        return FIXTURES.stream().flatMap(name -> vk.receive(request(FakeVk.fixture(name))).await().indefinitely()
                .events().stream()).toList();
    }

    @Override
    protected List<Uni<?>> failingProviderCalls(ChannelAdapter adapter) {
        VK.fail(555, 901);
        return List.of(((MessageSender) adapter).send(new OutboundMessage(UUID.randomUUID().toString(), "555", "hi",
                List.of(), null, List.of())),
                ((WebhookReceiver) adapter).receive(new WebhookReceiver.Request(Map.of(), Map.of(),
                        "not json".getBytes(StandardCharsets.UTF_8))));
    }

    static WebhookReceiver.Request request(JsonObject event) {
        return new WebhookReceiver.Request(Map.of(), Map.of(), event.encode().getBytes(StandardCharsets.UTF_8));
    }
}

package io.parley.channel.inapp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.ChannelAdapter;
import io.parley.channel.spi.ChannelAdapterFactory;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.kit.ChannelAdapterConformance;
import io.quarkus.test.junit.QuarkusTest;

/** The in-app adapter passes the conformance kit (with its real broadcast to Kafka). */
@QuarkusTest
class InAppConformanceTest extends ChannelAdapterConformance<InAppConfig> {

    @Inject
    InAppAdapterFactory factory;

    @Override
    protected ChannelAdapterFactory<InAppConfig> factory() {
        return factory;
    }

    @Override
    protected ChannelSettings validSettings() {
        return new ChannelSettings(Map.of("title", "Support"), Map.of("identitySecret", "0123456789abcdef-secret"));
    }

    @Override
    protected Map<String, ChannelSettings> invalidSettings() {
        return Map.of(
                "secrets.identitySecret", new ChannelSettings(Map.of(), Map.of("identitySecret", "short")),
                "config.title", new ChannelSettings(Map.of("title", "x".repeat(101)),
                        Map.of("identitySecret", "0123456789abcdef-secret")));
    }

    @Override
    protected List<InboundEvent> sampleInboundEvents(ChannelAdapter adapter) {
        InAppAdapter inApp = (InAppAdapter) adapter;
        VisitorTokens.Visitor anonymous = new VisitorTokens.Visitor(UUID.randomUUID(), "visitor:" + UUID.randomUUID(),
                false);
        VisitorTokens.Visitor user = new VisitorTokens.Visitor(UUID.randomUUID(), "user:42", true);
        return List.of(
                inApp.received(anonymous, "c-1", "Где мой заказ 12345?", List.of()),
                inApp.received(user, "c-2", "photo of the broken fridge",
                        List.of(new Attachment("https://cdn.example.com/f.jpg", "fridge.jpg", "image/jpeg", 48_000))),
                inApp.receipts(user, List.of(UUID.randomUUID().toString()), DeliveryStatus.READ).get(0));
    }
}

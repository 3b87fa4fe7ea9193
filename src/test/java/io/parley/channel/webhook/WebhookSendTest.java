package io.parley.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.kit.FakeChannelContext;
import io.parley.testing.FakeHttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/** How the integrator's answers to a reply map to outcomes; the chat id in the body picks the fake's answer. */
class WebhookSendTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final WebhookChannelFactory FACTORY = new WebhookChannelFactory(VERTX);
    private static final FakeHttpServer INTEGRATOR = start();

    private static FakeHttpServer start() {
        try {
            return FakeHttpServer.start(request -> {
                String chat = new JsonObject(request.body()).getString("chatId");
                int status = Integer.parseInt(chat.substring(0, 3));
                Map<String, String> headers = chat.endsWith("-wait") ? Map.of("Retry-After", "42") : Map.of();
                return new FakeHttpServer.Answer(status, "application/json", "{}", headers);
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        INTEGRATOR.close();
        VERTX.closeAndAwait();
    }

    @Test
    void answersMapToOutcomes() {
        assertThat(send("204")).isNull();
        assertThat(send("429-wait")).isEqualTo(new ChannelFailure.RateLimited(Duration.ofSeconds(42),
                "integrator answered HTTP 429"));
        assertThat(send("429")).isEqualTo(new ChannelFailure.RateLimited(Duration.ofSeconds(1),
                "integrator answered HTTP 429"));
        assertThat(send("503-wait")).isInstanceOf(ChannelFailure.RateLimited.class);
        assertThat(send("503")).isInstanceOf(ChannelFailure.Retryable.class);
        assertThat(send("408")).isInstanceOf(ChannelFailure.Retryable.class);
        assertThat(send("401")).isInstanceOf(ChannelFailure.AuthenticationFailed.class);
        assertThat(send("403")).isInstanceOf(ChannelFailure.AuthenticationFailed.class);
        assertThat(send("410")).isEqualTo(new ChannelFailure.Permanent("integrator answered HTTP 410", true));
        assertThat(send("422")).isEqualTo(new ChannelFailure.Permanent("integrator answered HTTP 422", false));
    }

    private static ChannelFailure send(String chat) {
        MessageSender sender = (MessageSender) FACTORY.create(FakeChannelContext.of("webhook"), FACTORY.configure(
                new ChannelSettings(Map.of("url", INTEGRATOR.baseUrl() + "/replies"),
                        Map.of("signingSecret", WebhookConformanceTest.SECRET))));
        Throwable thrown = catchThrowable(() -> sender.send(new OutboundMessage(UUID.randomUUID().toString(), chat,
                "hello", List.of(), null, List.of())).await().indefinitely());
        return thrown == null ? null : ((ChannelException) thrown).failure();
    }
}

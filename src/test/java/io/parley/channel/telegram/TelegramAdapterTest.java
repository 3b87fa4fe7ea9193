package io.parley.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.Button;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.VerifiedIdentifier;
import io.parley.channel.spi.kit.FakeChannelContext;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/** Translation of each inbound kind, outbound formats, and each error mapping, against the fake Bot API. */
class TelegramAdapterTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final TelegramAdapterFactory FACTORY = new TelegramAdapterFactory(VERTX, TestLimits.NONE);
    private static final FakeTelegram TELEGRAM = FakeTelegram.started();

    @AfterAll
    static void close() {
        TELEGRAM.close();
        VERTX.closeAndAwait();
    }

    @Test
    void inboundKindsAreTranslated() {
        TelegramWebhookAdapter telegram = (TelegramWebhookAdapter) adapter("webhook");
        Map<String, InboundEvent> events = new java.util.HashMap<>();
        TelegramConformanceTest.FIXTURES.forEach(name -> events.put(name, telegram
                .receive(TelegramConformanceTest.request(telegram.webhookSecret(), name)).await().indefinitely()
                .events().get(0)));

        InboundEvent.MessageReceived text = (InboundEvent.MessageReceived) events.get("text");
        assertThat(text.externalMessageId()).isEqualTo("5023781234:1201");
        assertThat(text.externalChatId()).isEqualTo("5023781234");
        assertThat(text.sender().displayName()).isEqualTo("Ольга Смирнова");
        assertThat(text.sender().username()).isEqualTo("olga_s");
        InboundEvent.MessageReceived photo = (InboundEvent.MessageReceived) events.get("photo");
        assertThat(photo.text()).isEqualTo("Вмятина на двери");
        assertThat(photo.attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).endsWith("/files/AgACAgIAAxkBAAIBlarge").startsWith("http://localhost:8080/api/telegram/");
            assertThat(a.size()).isEqualTo(98312);
        });
        assertThat(((InboundEvent.MessageReceived) events.get("document")).attachments().get(0))
                .extracting(Attachment::name, Attachment::mediaType).containsExactly("чек-5512.pdf", "application/pdf");
        assertThat(((InboundEvent.MessageReceived) events.get("voice")).attachments().get(0).mediaType())
                .isEqualTo("audio/ogg");
        assertThat(((InboundEvent.MessageReceived) events.get("video")).attachments().get(0).name())
                .isEqualTo("unboxing.mp4");
        InboundEvent.MessageReceived location = (InboundEvent.MessageReceived) events.get("location");
        assertThat(location.text()).isEqualTo("Location: 55.751244, 37.618423\n"
                + "https://www.openstreetmap.org/?mlat=55.751244&mlon=37.618423#map=17/55.751244/37.618423");
        assertThat(location.metadata()).containsEntry("telegram.location", "55.751244,37.618423");
        InboundEvent.MessageReceived contact = (InboundEvent.MessageReceived) events.get("contact");
        assertThat(contact.sender().verified()).containsExactly(new VerifiedIdentifier("phone", "+79161234567"));
        assertThat(events.get("edited")).isEqualTo(new InboundEvent.MessageEdited("5023781234:1201", "5023781234",
                "Здравствуйте, где мой заказ 5513?", java.time.Instant.ofEpochSecond(1772357800)));
        InboundEvent.MessageReceived pressed = (InboundEvent.MessageReceived) events.get("callback");
        assertThat(pressed.text()).isEqualTo("Доставка");
        assertThat(pressed.metadata()).containsEntry("telegram.callbackData", "menu:delivery");
        InboundEvent.MessageReceived sticker = (InboundEvent.MessageReceived) events.get("sticker");
        assertThat(sticker.text()).isEqualTo("👍");
        assertThat(sticker.attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).endsWith("/files/CAACAgIAAxkBAAIBsticker");
            assertThat(a.mediaType()).isEqualTo("image/webp");
            assertThat(a.name()).isEqualTo("sticker.webp");
        });
        assertThat(((InboundEvent.MessageReceived) events.get("pinned")).text())
                .isEqualTo("Pinned a message: Здравствуйте, где мой заказ 5512?");
        JsonObject joined = FakeTelegram.fixture("text");
        joined.getJsonObject("message").remove("text");
        joined.getJsonObject("message").put("new_chat_members", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("id", 1L).put("first_name", "Ольга").put("last_name", "Смирнова")));
        JsonObject unknown = FakeTelegram.fixture("text");
        unknown.getJsonObject("message").remove("text");
        unknown.getJsonObject("message").put("boost_added", new JsonObject().put("boost_count", 1));
        assertThat(List.of(joined, unknown)).extracting(update -> ((InboundEvent.MessageReceived) Updates.translate(
                List.of(update), "http://localhost:8080/files/", java.time.Instant.now()).events().get(0)).text())
                .containsExactly("Joined: Ольга Смирнова", "[unsupported Telegram message]");
        assertThat(pressed.externalMessageId()).isEqualTo("callback:4382bfdwdsb323b2d9");
        assertThat(events.get("blocked")).isInstanceOfSatisfying(InboundEvent.ContactBlocked.class,
                b -> assertThat(b.blocked()).isTrue());
    }

    @Test
    void pressedButtonsAreAnswered() {
        TelegramWebhookAdapter telegram = (TelegramWebhookAdapter) adapter("webhook");
        telegram.receive(TelegramConformanceTest.request(telegram.webhookSecret(), "callback")).await().indefinitely();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TELEGRAM
                .calls("answerCallbackQuery").stream()
                .anyMatch(c -> "4382bfdwdsb323b2d9".equals(c.getString("callback_query_id"))));
    }

    @Test
    void buttonsBecomeAnInlineKeyboardAndAttachmentsArePhotosOrDocuments() {
        TelegramAdapter telegram = adapter("webhook");
        long chat = 100 + System.nanoTime() % 1_000_000;
        String sent = telegram.send(new OutboundMessage(UUID.randomUUID().toString(), String.valueOf(chat),
                "Choose a topic", List.of(new Attachment("https://cdn.example.com/a.jpg", "a.jpg", "image/jpeg", 1000),
                        new Attachment("https://cdn.example.com/b.pdf", "b.pdf", "application/pdf", 1000)),
                null, List.of(new Button("Delivery", "menu:delivery"), new Button("Refund", "menu:refund"))))
                .await().indefinitely().externalMessageId();

        assertThat(sent).startsWith(chat + ":");
        JsonObject message = last("sendMessage", chat);
        assertThat(message.getString("text")).isEqualTo("Choose a topic");
        assertThat(message.getJsonObject("reply_markup").getJsonArray("inline_keyboard").getJsonArray(1)
                .getJsonObject(0).getString("callback_data")).isEqualTo("menu:refund");
        assertThat(last("sendPhoto", chat).getString("photo")).isEqualTo("https://cdn.example.com/a.jpg");
        assertThat(last("sendDocument", chat).getString("document")).isEqualTo("https://cdn.example.com/b.pdf");
    }

    @Test
    void tooManyRequestsWaitsTheRetryAfter() {
        assertThat(failure(FakeTelegram.error(429, "Too Many Requests: retry after 7",
                new JsonObject().put("retry_after", 7)))).isEqualTo(new ChannelFailure.RateLimited(
                        Duration.ofSeconds(7), "Telegram 429: Too Many Requests: retry after 7"));
    }

    @Test
    void blockedByTheUserIsPermanentAndMarksTheContactUnreachable() {
        assertThat(failure(FakeTelegram.error(403, "Forbidden: bot was blocked by the user", null)))
                .isEqualTo(new ChannelFailure.Permanent("Telegram 403: Forbidden: bot was blocked by the user", true));
    }

    @Test
    void refusedTokenIsAnAuthenticationFailure() {
        assertThat(failure(FakeTelegram.error(401, "Unauthorized", null)))
                .isInstanceOf(ChannelFailure.AuthenticationFailed.class);
    }

    @Test
    void serverErrorsAreRetryableAndBadRequestsPermanent() {
        assertThat(failure(FakeTelegram.error(502, "Bad Gateway", null))).isInstanceOf(ChannelFailure.Retryable.class);
        assertThat(failure(FakeTelegram.error(400, "Bad Request: message text is empty", null)))
                .isEqualTo(new ChannelFailure.Permanent("Telegram 400: Bad Request: message text is empty", false));
    }

    @Test
    void aGroupThatBecameASupergroupIsRemappedAndTheSendRepeated() {
        TelegramAdapter telegram = adapter("webhook");
        long group = -(1000 + System.nanoTime() % 1_000_000);
        long supergroup = -1_000_000_000_000L + group;
        TELEGRAM.fail(group, FakeTelegram.error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                new JsonObject().put("migrate_to_chat_id", supergroup)));

        String first = send(telegram, String.valueOf(group), "one");
        String second = send(telegram, String.valueOf(group), "two");

        assertThat(first).startsWith(supergroup + ":");
        assertThat(second).startsWith(supergroup + ":");
        assertThat(TELEGRAM.calls("sendMessage").stream().filter(c -> c.getLong("chat_id") == group)).hasSize(1);
        assertThat(last("sendMessage", supergroup).getString("text")).isEqualTo("two");
    }

    @Test
    void filesAreFetchedThroughGetFileUpTo20Megabytes() {
        TelegramAdapter telegram = adapter("webhook");

        assertThat(telegram.file("AgACAgIAAxkBAAIBlarge").await().indefinitely().toString())
                .isEqualTo("fake-file:photos/AgACAgIAAxkBAAIBlarge.jpg");
        assertThat(catchThrowable(() -> telegram.file(FakeTelegram.BIG_FILE).await().indefinitely()))
                .isInstanceOf(TelegramAdapter.FileTooLarge.class);
    }

    @Test
    void longPollingConfirmsUpdatesWithTheNextOffset() {
        Poller poller = (Poller) adapter("polling");
        TELEGRAM.queue(FakeTelegram.fixture("text"));
        TELEGRAM.queue(FakeTelegram.fixture("photo"));

        Poller.Batch first = poller.poll(null).await().indefinitely();
        Poller.Batch again = poller.poll(first.nextCursor()).await().indefinitely();

        assertThat(first.events()).hasSize(2);
        assertThat(first.nextCursor()).isEqualTo("902164003");
        assertThat(again.events()).isEmpty();
        assertThat(again.nextCursor()).isEqualTo("902164003");
        assertThat(TELEGRAM.calls("getUpdates").getLast().getLong("offset")).isEqualTo(902164003L);
    }

    private static ChannelFailure failure(JsonObject error) {
        long chat = 100 + System.nanoTime() % 1_000_000;
        TELEGRAM.fail(chat, error);
        Throwable thrown = catchThrowable(() -> send(adapter("webhook"), String.valueOf(chat), "hello"));
        assertThat(thrown).isInstanceOf(ChannelException.class);
        return ((ChannelException) thrown).failure();
    }

    private static String send(TelegramAdapter telegram, String chat, String text) {
        return telegram.send(new OutboundMessage(UUID.randomUUID().toString(), chat, text, List.of(), null, List.of()))
                .await().indefinitely().externalMessageId();
    }

    private static JsonObject last(String method, long chat) {
        return TELEGRAM.calls(method).stream().filter(c -> c.getLong("chat_id") == chat).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static TelegramAdapter adapter(String mode) {
        ChannelSettings settings = new ChannelSettings(Map.of("apiBaseUrl", TELEGRAM.baseUrl(), "mode", mode,
                "pollTimeoutSeconds", "0"), Map.of("botToken", FakeTelegram.TOKEN));
        return (TelegramAdapter) FACTORY.create(FakeChannelContext.of("telegram"), FACTORY.configure(settings));
    }
}

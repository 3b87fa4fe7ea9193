package io.parley.channel.vk;

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
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.WebhookReceiver;
import io.parley.channel.spi.kit.FakeChannelContext;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/** Callback handling, translation, messages.send with a stable random_id, error codes, Long Poll, against a fake VK. */
class VkAdapterTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final VkAdapterFactory FACTORY = new VkAdapterFactory(VERTX);
    private static final FakeVk VK = FakeVk.started();

    @AfterAll
    static void close() {
        VK.close();
        VERTX.closeAndAwait();
    }

    @Test
    void confirmationIsAnsweredWithTheConfiguredStringAndEventsWithOk() {
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");

        WebhookReceiver.Result confirmation = vk.receive(VkConformanceTest.request(FakeVk.fixture("confirmation")))
                .await().indefinitely();
        WebhookReceiver.Result event = vk.receive(VkConformanceTest.request(FakeVk.fixture("message_new")))
                .await().indefinitely();

        assertThat(confirmation.events()).isEmpty();
        assertThat(confirmation.body()).isEqualTo("a1b2c3d4");
        assertThat(event.body()).isEqualTo("ok");
        assertThat(event.status()).isEqualTo(200);
    }

    @Test
    void aWrongSecretOrCommunityIsRefused() {
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");

        for (JsonObject event : List.of(FakeVk.fixture("message_new").put("secret", "guess"),
                FakeVk.fixture("message_new").put("group_id", 1), FakeVk.fixture("confirmation").put("group_id", 1))) {
            WebhookReceiver.Result refused = vk.receive(VkConformanceTest.request(event)).await().indefinitely();
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.events()).isEmpty();
        }
    }

    @Test
    void eventsAreTranslated() {
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");
        Map<String, InboundEvent> events = new java.util.HashMap<>();
        VkConformanceTest.FIXTURES.forEach(name -> events.put(name, vk.receive(VkConformanceTest.request(
                FakeVk.fixture(name))).await().indefinitely().events().get(0)));

        InboundEvent.MessageReceived text = (InboundEvent.MessageReceived) events.get("message_new");
        assertThat(text.externalMessageId()).isEqualTo("3456789012:418");
        assertThat(text.externalChatId()).isEqualTo("3456789012");
        assertThat(text.sender().externalUserId()).isEqualTo("3456789012");
        assertThat(text.text()).isEqualTo("Добрый день! Пришёл не тот размер");
        assertThat(((InboundEvent.MessageReceived) events.get("message_photo")).attachments())
                .extracting(Attachment::url, Attachment::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://sun9-1.userapi.com/w.jpg", "photo.jpg"),
                        org.assertj.core.groups.Tuple.tuple("https://vk.com/doc3456789012_667", "накладная.pdf"));
        assertThat(((InboundEvent.MessageReceived) events.get("message_button")).text()).isEqualTo("menu:delivery");
        assertThat(events.get("message_edit")).isInstanceOfSatisfying(InboundEvent.MessageEdited.class,
                e -> assertThat(e.externalMessageId()).isEqualTo("3456789012:418"));
        assertThat(events.get("message_deny")).isInstanceOfSatisfying(InboundEvent.ContactBlocked.class,
                b -> assertThat(b.blocked()).isTrue());
    }

    @Test
    void everyKindOfMessageGivesTheOperatorSomethingReadable() {
        // Given the kinds VK used to deliver as empty messages (voice, location, forwarded, sticker) or as a caption
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");
        Map<String, InboundEvent.MessageReceived> events = new java.util.HashMap<>();
        for (String name : List.of("message_voice", "message_geo", "message_forwarded", "message_sticker",
                "message_video")) {
            events.put(name, (InboundEvent.MessageReceived) vk.receive(VkConformanceTest.request(FakeVk.fixture(
                    name))).await().indefinitely().events().get(0));
        }

        // Then a voice message is an audio file
        assertThat(events.get("message_voice").attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).isEqualTo("https://psv4.userapi.com/s/v1/amsg/voice.mp3");
            assertThat(a.mediaType()).isEqualTo("audio/mpeg");
            assertThat(a.name()).isEqualTo("voice.mp3");
        });
        // a location has its coordinates and a map link
        assertThat(events.get("message_geo").text()).isEqualTo("Я здесь\nLocation: 55.751244, 37.618423 (Москва, Россия)"
                + "\nhttps://www.openstreetmap.org/?mlat=55.751244&mlon=37.618423#map=17/55.751244/37.618423");
        assertThat(events.get("message_geo").metadata()).containsEntry("vk.location", "55.751244,37.618423");
        // forwarded messages are quoted, nested ones deeper
        assertThat(events.get("message_forwarded").text()).isEqualTo("""
                Смотрите, что мне ответили
                > Forwarded from id1234567:
                > Заказ 5512 отменён.
                > Деньги вернутся за 3 дня
                > > Forwarded from id3456789012:
                > > Где мой заказ?""");
        // a sticker is its largest image
        assertThat(events.get("message_sticker").text()).isNull();
        assertThat(events.get("message_sticker").attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).isEqualTo("https://vk.com/sticker/1-9012-256");
            assertThat(a.mediaType()).isEqualTo("image/png");
        });
        // and a video keeps its caption and a link to it
        assertThat(events.get("message_video").text()).isEqualTo("Вот видео");
        assertThat(events.get("message_video").attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).isEqualTo("https://vk.com/video3456789012_456239101");
            assertThat(a.name()).isEqualTo("Распаковка (video)");
        });
    }

    @Test
    void aColleaguesReplyInVkIsReportedAndParleysOwnSendsAreNot() {
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");
        JsonObject own = FakeVk.fixture("message_reply");
        own.getJsonObject("object").remove("admin_author_id");

        List<InboundEvent> colleague = vk.receive(VkConformanceTest.request(FakeVk.fixture("message_reply"))).await()
                .indefinitely().events();
        List<InboundEvent> parley = vk.receive(VkConformanceTest.request(own)).await().indefinitely().events();

        assertThat(colleague).singleElement().isEqualTo(new InboundEvent.ReplySentElsewhere("3456789012:2110",
                "3456789012", "91234567", "Здравствуйте! Это Анна из магазина, обмен оформлен.", List.of(),
                java.time.Instant.ofEpochSecond(1772357820)));
        assertThat(parley).isEmpty();
    }

    @Test
    void sendersAreNamedThroughUsersGetOncePerCommunity() {
        // Given two events of the same customer, then both carry the name VK gives, fetched once
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");
        int before = VK.calls("users.get").size();

        List<InboundEvent.MessageReceived> received = List.of("message_new", "message_photo").stream()
                .map(name -> (InboundEvent.MessageReceived) vk.receive(VkConformanceTest.request(FakeVk.fixture(name)))
                        .await().indefinitely().events().get(0))
                .toList();

        assertThat(received).allSatisfy(m -> {
            assertThat(m.sender().displayName()).isEqualTo("Мария Иванова");
            assertThat(m.sender().username()).isEqualTo("id3456789012");
        });
        assertThat(VK.calls("users.get").size() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void photosGetTheirSizeFromVk() {
        // Given a photo whose largest size VK serves (VK sends photos without a byte size)
        WebhookReceiver vk = (WebhookReceiver) adapter("callback");
        JsonObject event = FakeVk.fixture("message_photo");
        event.getJsonObject("object").getJsonObject("message").getJsonArray("attachments").getJsonObject(0)
                .getJsonObject("photo").getJsonArray("sizes").getJsonObject(1).put("url", VK.baseUrl() + "/files/w.jpg");

        InboundEvent.MessageReceived photo = (InboundEvent.MessageReceived) vk.receive(VkConformanceTest.request(event))
                .await().indefinitely().events().get(0);

        // Then its size is what VK's server says (the fake serves "bytes of w.jpg"); the document keeps VK's size
        assertThat(photo.attachments()).extracting(Attachment::size).containsExactly(14L, 48211L);
    }

    @Test
    void typingIsShownWithSetActivity() {
        VkAdapter vk = adapter("callback");

        vk.typing("3456789012").await().indefinitely();

        assertThat(VK.calls("messages.setActivity")).last().satisfies(call -> {
            assertThat(call).containsEntry("peer_id", "3456789012").containsEntry("type", "typing")
                    .containsEntry("group_id", String.valueOf(FakeVk.GROUP));
        });
    }

    @Test
    void aRetriedSendKeepsItsRandomIdAndIsDeliveredOnce() {
        VkAdapter vk = adapter("callback");
        long peer = peer();
        VK.fail(peer, 10);
        OutboundMessage message = new OutboundMessage(UUID.randomUUID().toString(), String.valueOf(peer),
                "Выберите тему", List.of(), null, List.of(new Button("Доставка", "menu:delivery")));

        assertThat(failure(() -> vk.send(message).await().indefinitely()))
                .isInstanceOf(ChannelFailure.Retryable.class);
        String first = vk.send(message).await().indefinitely().externalMessageId();
        String again = vk.send(message).await().indefinitely().externalMessageId();

        assertThat(again).isEqualTo(first);
        assertThat(VK.sendCalls(peer)).hasSize(3).extracting(c -> c.get("random_id")).containsOnly(
                String.valueOf(VkAdapter.randomId(message.messageId())));
        assertThat(VK.delivered(peer)).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("Выберите тему");
            assertThat(new JsonObject(d.keyboard()).getJsonArray("buttons").getJsonArray(0).getJsonObject(0)
                    .getJsonObject("action").getString("payload")).isEqualTo("{\"p\":\"menu:delivery\"}");
        });
    }

    @Test
    void attachmentsAreUploadedToVkAndSentAsAttachmentsAndAnUnfetchableFileAsItsLink() {
        VkAdapter vk = adapter("callback");
        long peer = peer();
        List<Attachment> files = List.of(
                new Attachment(VK.baseUrl() + "/files/dent.jpg", "dent.jpg", "image/jpeg", 12),
                new Attachment(VK.baseUrl() + "/files/terms.pdf", "terms.pdf", "application/pdf", 14),
                new Attachment(VK.baseUrl() + "/files/missing.png", "missing.png", "image/png", 3));

        vk.send(new OutboundMessage(UUID.randomUUID().toString(), String.valueOf(peer), "См. вложения", files, null,
                List.of())).await().indefinitely();

        assertThat(VK.delivered(peer)).singleElement().satisfies(d -> {
            assertThat(d.attachment()).isEqualTo("photo" + FakeVk.OWNER + "_457239017_k1,doc" + FakeVk.OWNER
                    + "_6100");
            assertThat(d.text()).isEqualTo("См. вложения\n" + VK.baseUrl() + "/files/missing.png");
        });
        assertThat(VK.uploads("photo")).anySatisfy(r -> assertThat(r.body()).contains("filename=\"dent.jpg\"",
                "bytes of dent.jpg"));
        assertThat(VK.uploads("doc")).anySatisfy(r -> assertThat(r.body()).contains("filename=\"terms.pdf\"",
                "bytes of terms.pdf"));
    }

    @Test
    void errorCodesAreTyped() {
        assertThat(sendFailing(5)).isInstanceOf(ChannelFailure.AuthenticationFailed.class);
        assertThat(sendFailing(6)).isEqualTo(new ChannelFailure.RateLimited(Duration.ofSeconds(1),
                "VK error 6: scripted error"));
        assertThat(sendFailing(9)).isInstanceOf(ChannelFailure.RateLimited.class);
        assertThat(sendFailing(10)).isInstanceOf(ChannelFailure.Retryable.class);
        for (int code : new int[] { 900, 901, 902 }) {
            assertThat(sendFailing(code)).isEqualTo(new ChannelFailure.Permanent("VK error " + code
                    + ": scripted error", true));
        }
        assertThat(sendFailing(914)).isEqualTo(new ChannelFailure.Permanent("VK error 914: scripted error", false));
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailure() {
        VkAdapter vk = (VkAdapter) FACTORY.create(FakeChannelContext.of("vk"),
                FACTORY.configure(new io.parley.channel.spi.ChannelSettings(
                        Map.of("groupId", "1", "confirmation", "x", "apiBaseUrl", VK.baseUrl()),
                        Map.of("accessToken", "vk1.a.revokedTokenOfTheCommunity", "secretKey", "s"))));
        assertThat(failure(() -> vk.send(new OutboundMessage(UUID.randomUUID().toString(), "1", "hi", List.of(), null,
                List.of())).await().indefinitely())).isInstanceOf(ChannelFailure.AuthenticationFailed.class);
    }

    @Test
    void longPollContinuesFromTsAndFetchesANewKeyWhenItExpires() {
        Poller vk = (Poller) adapter("longpoll");
        VK.queueLongPoll(FakeVk.fixture("message_new"));

        Poller.Batch first = vk.poll(null).await().indefinitely();
        VK.expireKey();
        Poller.Batch expired = vk.poll(first.nextCursor()).await().indefinitely();
        VK.queueLongPoll(FakeVk.fixture("message_button"));
        Poller.Batch renewed = vk.poll(expired.nextCursor()).await().indefinitely();

        assertThat(first.events()).hasSize(1);
        assertThat(expired.events()).isEmpty();
        assertThat(expired.nextCursor()).isEqualTo(first.nextCursor());
        assertThat(renewed.events()).singleElement().satisfies(e -> assertThat(((InboundEvent.MessageReceived) e)
                .text()).isEqualTo("menu:delivery"));
        assertThat(VK.longPolls().getLast().query().get("ts")).isEqualTo(first.nextCursor());
    }

    private static ChannelFailure sendFailing(int code) {
        long peer = peer();
        VK.fail(peer, code);
        return failure(() -> adapter("callback").send(new OutboundMessage(UUID.randomUUID().toString(),
                String.valueOf(peer), "hello", List.of(), null, List.of())).await().indefinitely());
    }

    private static ChannelFailure failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ChannelException.class);
        return ((ChannelException) thrown).failure();
    }

    private static long peer() {
        return 100 + System.nanoTime() % 1_000_000_000;
    }

    private static VkAdapter adapter(String mode) {
        return (VkAdapter) FACTORY.create(FakeChannelContext.of("vk"), FACTORY.configure(
                VkConformanceTest.settings(VK.baseUrl(), mode)));
    }
}

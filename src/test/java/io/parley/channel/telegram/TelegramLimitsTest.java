package io.parley.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.kit.FakeChannelContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Telegram's per-chat limits in the adapter, against the fake Bot API, which records when each send arrived. The
 * assertions are lower bounds on the gaps between one chat's sends (never an upper bound on speed) and the arrival
 * order across chats.
 */
class TelegramLimitsTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final FakeTelegram TELEGRAM = FakeTelegram.started();
    private static final Duration PRIVATE = Duration.ofSeconds(1);
    /** 60 a minute: one second apart, to keep the test short (Telegram's 20 a minute is three seconds). */
    private static final TestLimits LIMITS = new TestLimits(PRIVATE, 60, 30);
    /** Allowance for a first request that also opens the connection, arriving later than the ones after it. */
    private static final Duration TRANSIT = Duration.ofMillis(250);

    @AfterAll
    static void close() {
        TELEGRAM.close();
        VERTX.closeAndAwait();
    }

    @Test
    void sendsToOneChatAreSpacedInOrderWhileOtherChatsGoOnAtOnce() {
        TelegramAdapterFactory factory = new TelegramAdapterFactory(VERTX, LIMITS);
        MessageSender adapter = (MessageSender) factory.create(FakeChannelContext.of("telegram"), factory.configure(
                new ChannelSettings(Map.of("mode", "polling", "apiBaseUrl", TELEGRAM.baseUrl()),
                        Map.of("botToken", FakeTelegram.TOKEN))));
        long busy = 7_001;
        long other = 7_002;
        long group = -1_007_003;

        // When three messages to one private chat, two to a group and one to another private chat go out at once
        List<Uni<SendResult>> sends = List.of(send(adapter, busy, "b1"), send(adapter, busy, "b2"),
                send(adapter, busy, "b3"), send(adapter, group, "g1"), send(adapter, group, "g2"),
                send(adapter, other, "o1"));
        Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(30));

        // Then the busy chat's messages arrived in order, at least the private-chat interval apart
        List<FakeTelegram.Sent> received = TELEGRAM.sends();
        List<FakeTelegram.Sent> toBusy = received.stream().filter(s -> s.chatId() == busy).toList();
        assertThat(toBusy).extracting(FakeTelegram.Sent::text).containsExactly("b1", "b2", "b3");
        assertThat(gap(toBusy.get(0), toBusy.get(1))).isGreaterThanOrEqualTo(PRIVATE.minus(TRANSIT));
        assertThat(gap(toBusy.get(1), toBusy.get(2))).isGreaterThanOrEqualTo(PRIVATE.minus(TRANSIT));

        // And the group's at least its interval apart
        List<FakeTelegram.Sent> toGroup = received.stream().filter(s -> s.chatId() == group).toList();
        assertThat(toGroup).extracting(FakeTelegram.Sent::text).containsExactly("g1", "g2");
        assertThat(gap(toGroup.get(0), toGroup.get(1))).isGreaterThanOrEqualTo(
                LIMITS.interval(group).minus(TRANSIT));

        // And the other chat was not held up behind the busy one: it arrived before the busy chat's second message
        assertThat(received.stream().map(FakeTelegram.Sent::text).toList().indexOf("o1"))
                .isLessThan(received.stream().map(FakeTelegram.Sent::text).toList().indexOf("b2"));
    }

    @Test
    void groupsGetTheirPerMinuteLimitAsAnInterval() {
        TestLimits telegramDefaults = new TestLimits(Duration.ofSeconds(1), 20, 30);
        assertThat(telegramDefaults.interval(-100123L)).isEqualTo(Duration.ofSeconds(3));
        assertThat(telegramDefaults.interval(5023781234L)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TelegramAdapter.capabilities(telegramDefaults).sendRatePerSecond()).isEqualTo(30);
    }

    private static Uni<SendResult> send(MessageSender adapter, long chat, String text) {
        return adapter.send(new OutboundMessage(UUID.randomUUID().toString(), String.valueOf(chat), text, List.of(),
                null, List.of()));
    }

    private static Duration gap(FakeTelegram.Sent first, FakeTelegram.Sent second) {
        return Duration.ofNanos(second.receivedAtNanos() - first.receivedAtNanos());
    }
}

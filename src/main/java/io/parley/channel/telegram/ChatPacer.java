package io.parley.channel.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces messages to each chat of a bot to {@link TelegramLimits#interval}: every send reserves the chat's next free
 * slot and waits for it, so a chat's messages keep the order they reserved in while other chats go on at once. The
 * bot-wide rate is the runtime's (the adapter's {@code sendRatePerSecond}).
 */
final class ChatPacer {

    /** Next free slot per {@code channelId:chatId}, in {@link System#nanoTime()}. */
    private final Map<String, Long> nextFreeNanos = new ConcurrentHashMap<>();

    private static final int PRUNE_ABOVE = 10_000;

    /** Reserves the chat's next slot and says how long to wait for it. */
    Duration reserve(String chatKey, Duration interval, long nowNanos) {
        if (nextFreeNanos.size() > PRUNE_ABOVE) {
            nextFreeNanos.values().removeIf(next -> next - nowNanos < 0);
        }
        long gap = interval.toNanos();
        long slot = nextFreeNanos.merge(chatKey, nowNanos + gap, (next, ignored) -> Math.max(next, nowNanos) + gap)
                - gap;
        return Duration.ofNanos(Math.max(0, slot - nowNanos));
    }
}

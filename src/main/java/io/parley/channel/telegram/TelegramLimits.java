package io.parley.channel.telegram;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Telegram's send limits, enforced per bot by each Parley instance for the sends it performs (Telegram answers 429
 * with a retry-after beyond them, which is honoured too).
 */
@ConfigMapping(prefix = "parley.channels.telegram")
public interface TelegramLimits {

    /** Least time between two messages to one private chat (Telegram: about one message per second). */
    @WithDefault("1s")
    Duration privateChatInterval();

    /** Most messages per minute to one group, supergroup or channel (Telegram: 20). */
    @WithDefault("20")
    int groupMessagesPerMinute();

    /** Most messages per second across all chats of one bot (Telegram: about 30). */
    @WithDefault("30")
    int botMessagesPerSecond();

    /** Least time between two messages to a chat: private chats have positive ids, groups and channels negative. */
    default Duration interval(long chatId) {
        return chatId > 0 ? privateChatInterval() : Duration.ofMinutes(1).dividedBy(groupMessagesPerMinute());
    }
}

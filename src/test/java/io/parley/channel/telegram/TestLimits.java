package io.parley.channel.telegram;

import java.time.Duration;

/** Telegram limits for adapter tests. */
record TestLimits(Duration privateChatInterval, int groupMessagesPerMinute, int botMessagesPerSecond)
        implements
            TelegramLimits {

    /** Practically no spacing, for tests about something else. */
    static final TestLimits NONE = new TestLimits(Duration.ZERO, 1_000_000, 1000);
}

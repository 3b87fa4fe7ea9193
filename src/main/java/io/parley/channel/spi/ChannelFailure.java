package io.parley.channel.spi;

import java.time.Duration;

/** Why a provider call failed; decides what the runtime does next. */
public sealed interface ChannelFailure {

    /** A short, log-safe description (never message text or credentials). */
    String reason();

    /** Try again later with backoff (timeouts, 5xx). */
    record Retryable(String reason) implements ChannelFailure {
    }

    /** The provider asks to wait {@code retryAfter} before the next call; order is kept. */
    record RateLimited(Duration retryAfter, String reason) implements ChannelFailure {
    }

    /**
     * Will never succeed (blocked by the user, chat gone, message rejected): dead-letter it.
     *
     * @param contactUnreachable the customer can no longer be written to in this chat (blocked the bot, deleted)
     */
    record Permanent(String reason, boolean contactUnreachable) implements ChannelFailure {
    }

    /** The channel's credentials were refused: the channel is disabled until an administrator fixes it. */
    record AuthenticationFailed(String reason) implements ChannelFailure {
    }

    /**
     * The provider gives this channel's updates to another client (Telegram's 409: a webhook set elsewhere, or a
     * second poller with the same token). It lasts until someone acts; a poll loop backs off far and shows it on the
     * channel. Elsewhere it is treated as {@link Retryable}.
     */
    record Conflict(String reason) implements ChannelFailure {
    }
}

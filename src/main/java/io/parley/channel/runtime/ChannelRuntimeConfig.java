package io.parley.channel.runtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The channel runtime: adapters, outbound delivery, dead letters, polling. */
@ConfigMapping(prefix = "parley.channels")
public interface ChannelRuntimeConfig {

    /** The externally reachable base URL of Parley, given to adapters that register webhooks. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** How long a resolved adapter is reused before its channel is read again (changes apply within this time). */
    @WithDefault("5s")
    Duration cacheTtl();

    /** Outbound delivery. */
    Outbound outbound();

    /** Polling channels (Telegram long polling, IMAP): one poll loop per channel across all instances. */
    Polling polling();

    interface Polling {

        /** How often each instance looks for enabled polling channels that nobody polls. */
        @WithDefault("10s")
        Duration scanInterval();

        /**
         * How long an instance owns a channel's poll loop without renewing it (renewed before every poll). Must be
         * longer than the longest provider wait (Telegram's long-poll timeout); another instance takes over after it.
         */
        @WithDefault("60s")
        Duration leaseTtl();

        /** The pause after a poll that found nothing (long-polling adapters already waited at the provider). */
        @WithDefault("1s")
        Duration idleDelay();

        /** The first pause after a failed poll; doubled on each failure in a row up to {@code max-backoff}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest pause after failed polls. */
        @WithDefault("60s")
        Duration maxBackoff();

        /**
         * The longest pause after polls the provider refused because another client takes the channel's updates
         * (Telegram's 409); the pauses start at {@code initial-backoff} and double, as a poll loop handed over between
         * instances can meet the previous owner's last poll for a few seconds.
         */
        @WithDefault("5m")
        Duration conflictMaxBackoff();

        /**
         * How long such a conflict lasts before it is shown on the channel ({@code pollProblem}) and announced
         * ({@code io.parley.channel.poll-conflict}); shorter ones are the hand-over between instances.
         */
        @WithDefault("60s")
        Duration conflictGrace();
    }

    interface Outbound {

        /** Attempts per message for retryable failures before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        /** The first retry delay; doubled on each attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest retry delay, and the longest provider retry-after honoured before dead-lettering. */
        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * Outbound records worked on at once per consumer (sessions run in parallel, each in order); above this the
         * consumer waits before taking more.
         */
        @WithDefault("500")
        int maxInFlight();
    }
}

package io.parley.channel.telegram;

import java.net.URI;
import java.util.Locale;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of a Telegram bot channel.
 *
 * @param botToken {@code secrets.botToken}: the token from @BotFather, {@code <digits>:<letters>}
 * @param mode {@code config.mode}: {@code webhook} (default; Telegram pushes to Parley's public HTTPS URL) or
 *        {@code polling} (Parley long-polls {@code getUpdates}; for installations without public HTTPS)
 * @param apiBaseUrl {@code config.apiBaseUrl}: the Bot API server, default {@code https://api.telegram.org}
 * @param pollTimeoutSeconds {@code config.pollTimeoutSeconds}: how long one {@code getUpdates} waits, 0–50, default 25
 */
record TelegramConfig(String botToken, Mode mode, URI apiBaseUrl, int pollTimeoutSeconds) {

    enum Mode {
        WEBHOOK,
        POLLING
    }

    static TelegramConfig of(ChannelSettings settings) {
        String token = settings.requireSecret("botToken");
        if (!token.matches("\\d{1,20}:[A-Za-z0-9_-]{20,100}")) {
            throw new InvalidChannelConfigException("secrets.botToken", "must look like 123456789:AAE… (from @BotFather)");
        }
        Mode mode = switch (settings.config("mode").orElse("webhook").toLowerCase(Locale.ROOT)) {
            case "webhook" -> Mode.WEBHOOK;
            case "polling" -> Mode.POLLING;
            default -> throw new InvalidChannelConfigException("config.mode", "must be webhook or polling");
        };
        URI base = settings.config("apiBaseUrl").map(TelegramConfig::url).orElse(URI.create("https://api.telegram.org"));
        int timeout = settings.config("pollTimeoutSeconds").map(TelegramConfig::timeout).orElse(25);
        return new TelegramConfig(token, mode, base, timeout);
    }

    private static URI url(String value) {
        try {
            URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config.apiBaseUrl", "must be an absolute http or https URL");
    }

    private static int timeout(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= 50) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config.pollTimeoutSeconds", "must be a number from 0 to 50");
    }

    @Override
    public String toString() {
        return "TelegramConfig[mode=" + mode + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}

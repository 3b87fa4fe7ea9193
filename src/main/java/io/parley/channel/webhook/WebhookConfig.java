package io.parley.channel.webhook;

import java.net.URI;
import java.time.Duration;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of an integrator's signed webhook channel.
 *
 * @param url {@code config.url}: where Parley POSTs replies (http or https)
 * @param signingSecret {@code secrets.signingSecret}: the HMAC-SHA256 key both directions are signed with; at least
 *        32 characters
 * @param replayWindow {@code config.replayWindowSeconds}: how far an inbound delivery's timestamp may be from Parley's
 *        clock (30–3600 s, default 300)
 */
record WebhookConfig(URI url, String signingSecret, Duration replayWindow) {

    static WebhookConfig of(ChannelSettings settings) {
        URI url = url(settings.requireConfig("url"));
        String secret = settings.requireSecret("signingSecret");
        if (secret.length() < 32) {
            throw new InvalidChannelConfigException("secrets.signingSecret", "must be at least 32 characters");
        }
        long window = settings.config("replayWindowSeconds").map(WebhookConfig::seconds).orElse(300L);
        return new WebhookConfig(url, secret, Duration.ofSeconds(window));
    }

    private static URI url(String value) {
        try {
            URI url = URI.create(value);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config.url", "must be an absolute http or https URL");
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 30 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config.replayWindowSeconds", "must be a number from 30 to 3600");
    }

    @Override
    public String toString() {
        return "WebhookConfig[url=" + url + ", replayWindow=" + replayWindow + "]";
    }
}

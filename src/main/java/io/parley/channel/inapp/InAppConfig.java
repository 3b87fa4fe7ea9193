package io.parley.channel.inapp;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of an in-app chat channel.
 *
 * @param identitySecret {@code secrets.identitySecret}: the company's backend signs user ids with it
 *        (HMAC-SHA256, hex) and Parley signs visitor tokens with it; at least 16 characters
 * @param title {@code config.title}: the widget's title
 * @param visitorsPerMinute {@code config.visitorsPerMinute}: new visitors one client address may start per minute
 *        (0: {@code parley.abuse.visitors-per-address})
 * @param channelVisitorsPerMinute {@code config.channelVisitorsPerMinute}: new visitors the channel accepts per minute
 *        from all addresses (0: {@code parley.abuse.visitors-per-channel})
 * @param messagesPerMinute {@code config.messagesPerMinute}: messages one client address may send per minute (0:
 *        {@code parley.abuse.messages-per-address})
 */
record InAppConfig(String identitySecret, String title, int visitorsPerMinute, int channelVisitorsPerMinute,
        int messagesPerMinute) {

    static InAppConfig of(ChannelSettings settings) {
        String secret = settings.requireSecret("identitySecret");
        if (secret.length() < 16) {
            throw new InvalidChannelConfigException("secrets.identitySecret", "must be at least 16 characters");
        }
        String title = settings.config("title").orElse("Chat with us");
        if (title.length() > 100) {
            throw new InvalidChannelConfigException("config.title", "must be at most 100 characters");
        }
        return new InAppConfig(secret, title, limit(settings, "visitorsPerMinute"),
                limit(settings, "channelVisitorsPerMinute"), limit(settings, "messagesPerMinute"));
    }

    private static int limit(ChannelSettings settings, String key) {
        String value = settings.config(key).orElse("0");
        if (!value.matches("[0-9]{1,6}")) {
            throw new InvalidChannelConfigException("config." + key, "must be a whole number from 0 to 999999");
        }
        return Integer.parseInt(value);
    }
}

package io.parley.channel.inapp;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of an in-app chat channel.
 *
 * @param identitySecret {@code secrets.identitySecret}: the company's backend signs user ids with it
 *        (HMAC-SHA256, hex) and Parley signs visitor tokens with it; at least 16 characters
 * @param title {@code config.title}: the widget's title
 */
record InAppConfig(String identitySecret, String title) {

    static InAppConfig of(ChannelSettings settings) {
        String secret = settings.requireSecret("identitySecret");
        if (secret.length() < 16) {
            throw new InvalidChannelConfigException("secrets.identitySecret", "must be at least 16 characters");
        }
        String title = settings.config("title").orElse("Chat with us");
        if (title.length() > 100) {
            throw new InvalidChannelConfigException("config.title", "must be at most 100 characters");
        }
        return new InAppConfig(secret, title);
    }
}

package io.parley.channel.vk;

import java.net.URI;
import java.util.Locale;

import io.parley.channel.spi.ChannelSettings;
import io.parley.channel.spi.InvalidChannelConfigException;

/**
 * The settings of a VK community channel.
 *
 * @param groupId {@code config.groupId}: the community's numeric id
 * @param accessToken {@code secrets.accessToken}: a community access token with the messages permission
 * @param mode {@code config.mode}: {@code callback} (default; VK pushes to Parley's Callback API URL) or
 *        {@code longpoll} (Parley polls the Bots Long Poll API; no public URL needed)
 * @param confirmation {@code config.confirmation}: the string VK shows on the Callback API page, answered to its
 *        confirmation request (required in callback mode)
 * @param secretKey {@code secrets.secretKey}: the secret key set on the Callback API page; every event must carry it
 *        (required in callback mode)
 * @param apiBaseUrl {@code config.apiBaseUrl}: the API server, default {@code https://api.vk.com}
 */
record VkConfig(long groupId, String accessToken, Mode mode, String confirmation, String secretKey, URI apiBaseUrl) {

    enum Mode {
        CALLBACK,
        LONGPOLL
    }

    static VkConfig of(ChannelSettings settings) {
        long group = group(settings.requireConfig("groupId"));
        String token = settings.requireSecret("accessToken");
        if (token.length() < 20 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidChannelConfigException("secrets.accessToken", "must be a community access token");
        }
        Mode mode = switch (settings.config("mode").orElse("callback").toLowerCase(Locale.ROOT)) {
            case "callback" -> Mode.CALLBACK;
            case "longpoll" -> Mode.LONGPOLL;
            default -> throw new InvalidChannelConfigException("config.mode", "must be callback or longpoll");
        };
        String confirmation = null;
        String secret = null;
        if (mode == Mode.CALLBACK) {
            confirmation = settings.requireConfig("confirmation");
            if (confirmation.length() > 100) {
                throw new InvalidChannelConfigException("config.confirmation", "must be at most 100 characters");
            }
            secret = settings.requireSecret("secretKey");
            if (secret.length() > 50 || !secret.matches("[A-Za-z0-9]+")) {
                throw new InvalidChannelConfigException("secrets.secretKey", "must be 1-50 Latin letters or digits");
            }
        }
        URI base = settings.config("apiBaseUrl").map(VkConfig::url).orElse(URI.create("https://api.vk.com"));
        return new VkConfig(group, token, mode, confirmation, secret, base);
    }

    private static long group(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidChannelConfigException("config.groupId", "must be the community's positive numeric id");
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

    @Override
    public String toString() {
        return "VkConfig[groupId=" + groupId + ", mode=" + mode + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}

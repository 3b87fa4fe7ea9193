package io.parley.channel.spi;

/**
 * An identifier a channel has verified for its user.
 *
 * @param kind {@code app_user} (signed by the company's backend), {@code email} or {@code phone}
 * @param value the identifier; emails lower-cased, phones in E.164
 */
public record VerifiedIdentifier(String kind, String value) {

    public static final String APP_USER = "app_user";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
}

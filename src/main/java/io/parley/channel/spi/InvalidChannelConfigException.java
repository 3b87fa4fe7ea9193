package io.parley.channel.spi;

/** A channel instance's settings were rejected; {@link #field()} names the bad one, e.g. {@code config.baseUrl}. */
public class InvalidChannelConfigException extends RuntimeException {

    private final String field;

    public InvalidChannelConfigException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package io.parley.channel.spi;

/** Fails an adapter's {@code Uni} with a typed {@link ChannelFailure}. */
public class ChannelException extends RuntimeException {

    private final transient ChannelFailure failure;

    public ChannelException(ChannelFailure failure) {
        super(failure.reason(), null, false, false);
        this.failure = failure;
    }

    public ChannelFailure failure() {
        return failure;
    }
}

package io.parley.channel.spi;

import java.util.List;

/**
 * Who wrote a message, as the channel knows them. Only {@code externalUserId} is required.
 *
 * @param verified identifiers the channel vouches for (a signed app user id, a confirmed phone); Parley links
 *        customers across channels only through these, never through names
 */
public record Sender(String externalUserId, String displayName, String username, String phone, String email,
        List<VerifiedIdentifier> verified) {

    public Sender {
        verified = List.copyOf(verified);
    }

    /** A sender known only by their channel id. */
    public static Sender anonymous(String externalUserId) {
        return new Sender(externalUserId, null, null, null, null, List.of());
    }
}

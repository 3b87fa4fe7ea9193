package io.parley.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import io.parley.common.problem.ProblemException;

/**
 * An opaque position in a list of messages: the (sent at, {@link MessageEntity#seq storage sequence}) of the last
 * message returned, the order every message list uses.
 */
record TimelineCursor(OffsetDateTime sentAt, long seq) {

    String encode() {
        Instant at = sentAt.toInstant();
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static TimelineCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new TimelineCursor(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}

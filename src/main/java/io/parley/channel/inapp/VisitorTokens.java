package io.parley.channel.inapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Visitor tokens and verified-user signatures of the in-app chat, both HMAC-SHA256 under the channel's identity
 * secret. A token is {@code base64url(channelId|visitorId|verified|expiresEpoch).base64url(hmac)}; it names a chat
 * and cannot be forged or moved to another channel.
 */
final class VisitorTokens {

    /** A verified token's content. */
    record Visitor(UUID channelId, String visitorId, boolean verified) {
    }

    /** Visitor ids of verified users are {@code user:<the company's user id>}. */
    static final String USER_PREFIX = "user:";
    /** Visitor ids of pseudonymous visitors are {@code visitor:<random uuid>}. */
    static final String VISITOR_PREFIX = "visitor:";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private VisitorTokens() {
    }

    static String issue(String secret, Visitor visitor, Instant expires) {
        String payload = visitor.channelId() + "|" + visitor.visitorId() + "|" + visitor.verified() + "|"
                + expires.getEpochSecond();
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(hmac(secret, encoded));
    }

    /** The visitor of a valid, unexpired token for {@code channelId}, or null. */
    static Visitor verify(String secret, UUID channelId, String token, Instant now) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String encoded = token.substring(0, dot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(hmac(secret, encoded), signature)) {
            return null;
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 4 || !parts[0].equals(channelId.toString())
                || Long.parseLong(parts[3]) < now.getEpochSecond()) {
            return null;
        }
        return new Visitor(channelId, parts[1], Boolean.parseBoolean(parts[2]));
    }

    /** Whether {@code userHash} is the hex HMAC-SHA256 of {@code userId} that the company's backend computed. */
    static boolean userSignatureValid(String secret, String userId, String userHash) {
        if (userHash == null) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, userId)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, userHash.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.parley.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery in either direction: {@code sha256=} and the hex HMAC-SHA256, under the
 * channel's signing secret, of the timestamp header's value, a dot, and the raw body.
 */
final class Signatures {

    static final String TIMESTAMP = "X-Parley-Timestamp";
    static final String SIGNATURE = "X-Parley-Signature";
    static final String DELIVERY = "X-Parley-Delivery";

    private static final String PREFIX = "sha256=";

    private Signatures() {
    }

    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Compares in constant time. */
    static boolean valid(String secret, String timestamp, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(sign(secret, timestamp, body)
                .getBytes(StandardCharsets.UTF_8), signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}

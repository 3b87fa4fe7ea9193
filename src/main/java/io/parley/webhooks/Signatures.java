package io.parley.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): {@code v1,<base64 HMAC-SHA256>} of
 * {@code id.timestamp.body} under the secret's key, the base64 after {@code whsec_}. With two active secrets (during
 * a rotation) the header carries both signatures, space-separated; a receiver accepts either.
 */
final class Signatures {

    static final String PREFIX = "whsec_";

    private Signatures() {
    }

    /** The {@code webhook-signature} header value for a delivery, one signature per secret. */
    static String header(List<String> secrets, String id, long timestamp, String body) {
        byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return secrets.stream().map(secret -> "v1," + sign(key(secret), content)).collect(Collectors.joining(" "));
    }

    /** The key bytes of a {@code whsec_} secret; fails on anything else. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("the key must be 24 to 64 bytes (base64 after " + PREFIX + ")");
        }
        return key;
    }

    private static String sign(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}

package io.parley.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.security.SecretsCipher;

/** A subscription's signing secrets, encrypted at rest: the current one first, then the rotated-out one. */
@ApplicationScoped
class StoredSecrets {

    private static final TypeReference<List<Secret>> LIST = new TypeReference<>() {
    };

    /** @param expiresAt when it stops signing; null for the current secret */
    record Secret(String secret, OffsetDateTime expiresAt) {

        boolean activeAt(OffsetDateTime now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    private final SecretsCipher cipher;
    private final ObjectMapper json;

    StoredSecrets(SecretsCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    byte[] seal(List<Secret> secrets) {
        try {
            return cipher.encrypt(json.writeValueAsBytes(secrets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Secrets are not serializable", e);
        }
    }

    List<Secret> open(byte[] sealed) {
        try {
            return json.readValue(cipher.decrypt(sealed), LIST);
        } catch (IOException e) {
            throw new IllegalStateException("Stored webhook secrets are unreadable", e);
        }
    }

    /** The secrets that sign at {@code now}, current first. */
    List<String> active(byte[] sealed, OffsetDateTime now) {
        return open(sealed).stream().filter(s -> s.activeAt(now)).map(Secret::secret).toList();
    }

    /** {@code secret} becomes current; the current one signs beside it until {@code previousUntil}. */
    byte[] rotate(byte[] sealed, String secret, OffsetDateTime previousUntil) {
        Secret current = open(sealed).getFirst();
        return seal(Stream.of(new Secret(secret, null), new Secret(current.secret(), previousUntil)).toList());
    }

    List<SubscriptionView.SecretView> views(byte[] sealed, OffsetDateTime now) {
        return open(sealed).stream().filter(s -> s.activeAt(now))
                .map(s -> new SubscriptionView.SecretView(fingerprint(s.secret()), s.expiresAt())).toList();
    }

    static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}

package io.parley.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts secrets at rest (channel tokens, signing secrets) with AES-256-GCM under {@code parley.secrets.key}. The
 * stored form is {@code version(1) | iv(12) | ciphertext+tag}; the version byte allows key rotation later.
 */
@ApplicationScoped
public class SecretsCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretsCipher(SecretsConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.key());
        if (raw.length != 32) {
            throw new IllegalStateException("parley.secrets.key (PARLEY_SECRETS_KEY) must be 32 bytes, base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * A signature of {@code data} for {@code purpose} (e.g. a file link), base64url: HMAC-SHA256 under a key derived
     * from the secrets key for that purpose, so a signature of one kind never passes as another.
     */
    public String sign(String purpose, String data) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive.doFinal(("parley:" + purpose).getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** Whether {@code signature} is {@link #sign}'s for the same purpose and data (in constant time). */
    public boolean verify(String purpose, String data, String signature) {
        return signature != null && MessageDigest.isEqual(sign(purpose, data).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] decrypt(byte[] stored) {
        if (stored.length < 1 + IV_BYTES || stored[0] != VERSION) {
            throw new IllegalStateException("Unknown secrets format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            return cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secrets cannot be decrypted with the configured key", e);
        }
    }
}

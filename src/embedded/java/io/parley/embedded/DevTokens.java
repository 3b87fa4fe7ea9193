package io.parley.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The development token issuer: signs RS256 access tokens shaped like Keycloak's (roles in
 * {@code realm_access.roles}) with a fixed key pair that exists only in {@code src/embedded}. The matching public key
 * is configured for the dev and test profiles; production verifies tokens against its real OIDC issuer.
 */
public final class DevTokens {

    /** The {@code iss} claim of every development token. */
    public static final String ISSUER = "parley-dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    /** A token for {@code subject} holding {@code roles}, valid for {@code lifetime}. */
    public static String issue(String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("preferred_username", subject);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("realm_access", Map.of("roles", roles));
        return sign(claims);
    }

    /** The public half of the signing key as a JSON Web Key (for the development provider's {@code jwks_uri}). */
    public static Map<String, Object> publicJwk() {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KEY;
        return Map.of("kty", "RSA", "alg", "RS256", "use", "sig",
                "n", B64.encodeToString(unsigned(key.getModulus().toByteArray())),
                "e", B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    /** Signs arbitrary claims with the development key (tests use it to craft expired or foreign tokens). */
    public static String sign(Map<String, Object> claims) {
        try {
            String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEY);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream("dev-issuer/private-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

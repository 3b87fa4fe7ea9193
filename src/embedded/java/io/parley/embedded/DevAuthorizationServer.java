package io.parley.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The development OIDC provider's state: single-use, short-lived authorization codes bound to a PKCE S256 challenge,
 * and rotating refresh tokens. Tokens are the RS256 tokens of {@link DevTokens}. In memory: a restart signs everybody
 * out, which is fine for {@code ./parley run}.
 */
final class DevAuthorizationServer {

    /** An OAuth error as RFC 6749 section 5.2 names it ({@code invalid_grant}, {@code invalid_request}, …). */
    static final class OAuthError extends RuntimeException {

        final String error;

        OAuthError(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }
    }

    /** What the console asked for at the authorize endpoint (validated by {@link #validate}). */
    record AuthorizationRequest(String clientId, String redirectUri, String scope, String state, String nonce,
            String codeChallenge) {
    }

    /** The token endpoint's answer. */
    record Tokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
    }

    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
    static final Duration REFRESH_LIFETIME = Duration.ofHours(12);

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private record Grant(String subject, List<String> roles, AuthorizationRequest request, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

    DevAuthorizationServer(Clock clock) {
        this.clock = clock;
    }

    /** Checks an authorization request: code flow, PKCE S256, a redirect back to Parley's own origin. */
    static AuthorizationRequest validate(String responseType, String clientId, String redirectUri, String scope,
            String state, String nonce, String codeChallenge, String codeChallengeMethod, String origin) {
        if (!"code".equals(responseType)) {
            throw new OAuthError("unsupported_response_type", "response_type must be code");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new OAuthError("invalid_request", "client_id is missing");
        }
        if (redirectUri == null || !redirectUri.startsWith(origin + "/")) {
            throw new OAuthError("invalid_request", "redirect_uri must be on " + origin);
        }
        if (!"S256".equals(codeChallengeMethod) || codeChallenge == null || !CHALLENGE.matcher(codeChallenge).matches()) {
            throw new OAuthError("invalid_request", "PKCE is required: code_challenge with code_challenge_method S256");
        }
        return new AuthorizationRequest(clientId, redirectUri, scope, state, nonce, codeChallenge);
    }

    /** Issues a code for a signed-in subject, usable once within {@link #CODE_LIFETIME}. */
    String issueCode(AuthorizationRequest request, String subject, List<String> roles) {
        purge();
        String code = randomToken();
        codes.put(code, new Grant(subject, List.copyOf(roles), request, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The authorization-code grant: the code is consumed whether or not the rest checks out. */
    Tokens exchange(String code, String codeVerifier, String clientId, String redirectUri) {
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || grant.expiresAt().isBefore(clock.instant())) {
            throw new OAuthError("invalid_grant", "unknown, used or expired code");
        }
        AuthorizationRequest request = grant.request();
        if (!request.clientId().equals(clientId) || !request.redirectUri().equals(redirectUri)) {
            throw new OAuthError("invalid_grant", "client_id or redirect_uri differ from the authorization request");
        }
        if (codeVerifier == null || !VERIFIER.matcher(codeVerifier).matches()
                || !MessageDigest.isEqual(challengeOf(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                        request.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge");
        }
        return tokens(grant, true);
    }

    /** The refresh-token grant: the refresh token is rotated (the old one stops working). */
    Tokens refresh(String refreshToken, String clientId) {
        Grant grant = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (grant == null || grant.expiresAt().isBefore(clock.instant())) {
            throw new OAuthError("invalid_grant", "unknown, used or expired refresh token");
        }
        if (!grant.request().clientId().equals(clientId)) {
            throw new OAuthError("invalid_grant", "the refresh token belongs to another client");
        }
        return tokens(grant, false);
    }

    /** base64url(SHA-256(verifier)), the S256 code challenge of RFC 7636. */
    static String challengeOf(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tokens tokens(Grant grant, boolean withNonce) {
        Instant now = clock.instant();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("iss", DevTokens.ISSUER);
        id.put("sub", grant.subject());
        id.put("aud", grant.request().clientId());
        id.put("preferred_username", grant.subject());
        id.put("iat", now.getEpochSecond());
        id.put("exp", now.plus(ACCESS_LIFETIME).getEpochSecond());
        if (withNonce && grant.request().nonce() != null) {
            id.put("nonce", grant.request().nonce());
        }
        String refreshToken = randomToken();
        refreshTokens.put(refreshToken, new Grant(grant.subject(), grant.roles(), grant.request(),
                now.plus(REFRESH_LIFETIME)));
        return new Tokens(DevTokens.issue(grant.subject(), grant.roles(), ACCESS_LIFETIME), DevTokens.sign(id),
                refreshToken, ACCESS_LIFETIME.toSeconds());
    }

    private void purge() {
        Instant now = clock.instant();
        codes.values().removeIf(grant -> grant.expiresAt().isBefore(now));
        refreshTokens.values().removeIf(grant -> grant.expiresAt().isBefore(now));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}

package io.parley.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.embedded.DevAuthorizationServer.AuthorizationRequest;
import io.parley.embedded.DevAuthorizationServer.OAuthError;
import io.parley.embedded.DevAuthorizationServer.Tokens;

class DevAuthorizationServerTest {

    private static final String ORIGIN = "http://127.0.0.1:8080";
    private static final String REDIRECT = ORIGIN + "/console/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final MutableClock clock = new MutableClock();
    private final DevAuthorizationServer server = new DevAuthorizationServer(clock);

    @Test
    void theS256ChallengeIsTheOneOfRfc7636AppendixB() {
        assertThat(DevAuthorizationServer.challengeOf(VERIFIER)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void theRightVerifierGetsTokensForTheSignedInSubjectWithTheNonce() throws Exception {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        Tokens tokens = server.exchange(code, VERIFIER, "parley-console", REDIRECT);
        JsonNode access = claims(tokens.accessToken());
        assertThat(access.path("sub").asText()).isEqualTo("alice");
        assertThat(access.path("realm_access").path("roles").get(0).asText()).isEqualTo("operator");
        JsonNode id = claims(tokens.idToken());
        assertThat(id.path("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.path("aud").asText()).isEqualTo("parley-console");
        assertThat(tokens.refreshToken()).isNotBlank();
    }

    @Test
    void aWrongVerifierIsRejectedAndTheCodeIsGone() {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        assertThatThrownBy(() -> server.exchange(code, "x".repeat(43), "parley-console", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("code_verifier")
                .extracting(e -> ((OAuthError) e).error).isEqualTo("invalid_grant");
        assertThatThrownBy(() -> server.exchange(code, VERIFIER, "parley-console", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("used");
    }

    @Test
    void aMissingVerifierIsRejected() {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        assertThatThrownBy(() -> server.exchange(code, null, "parley-console", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("code_verifier");
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        server.exchange(code, VERIFIER, "parley-console", REDIRECT);
        assertThatThrownBy(() -> server.exchange(code, VERIFIER, "parley-console", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("used")
                .extracting(e -> ((OAuthError) e).error).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeExpiresAfterItsLifetime() {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        clock.advance(DevAuthorizationServer.CODE_LIFETIME.plusSeconds(1));
        assertThatThrownBy(() -> server.exchange(code, VERIFIER, "parley-console", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("expired");
    }

    @Test
    void anotherRedirectUriOrClientIsRejected() {
        String code = server.issueCode(request(), "alice", List.of("operator"));
        assertThatThrownBy(() -> server.exchange(code, VERIFIER, "parley-console", ORIGIN + "/elsewhere/"))
                .isInstanceOf(OAuthError.class).hasMessageContaining("redirect_uri");
        String other = server.issueCode(request(), "alice", List.of("operator"));
        assertThatThrownBy(() -> server.exchange(other, VERIFIER, "someone-else", REDIRECT))
                .isInstanceOf(OAuthError.class).hasMessageContaining("client_id");
    }

    @Test
    void aRefreshTokenIsRotated() throws Exception {
        Tokens first = server.exchange(server.issueCode(request(), "sam", List.of("supervisor")), VERIFIER,
                "parley-console", REDIRECT);
        Tokens second = server.refresh(first.refreshToken(), "parley-console");
        assertThat(claims(second.accessToken()).path("sub").asText()).isEqualTo("sam");
        assertThatThrownBy(() -> server.refresh(first.refreshToken(), "parley-console"))
                .isInstanceOf(OAuthError.class).extracting(e -> ((OAuthError) e).error).isEqualTo("invalid_grant");
        assertThatThrownBy(() -> server.refresh(second.refreshToken(), "someone-else"))
                .isInstanceOf(OAuthError.class).hasMessageContaining("another client");
    }

    @Test
    void authorizationRequestsNeedTheCodeFlowPkceS256AndARedirectToParley() {
        String challenge = DevAuthorizationServer.challengeOf(VERIFIER);
        assertThatThrownBy(() -> DevAuthorizationServer.validate("token", "c", REDIRECT, "openid", "s", "n",
                challenge, "S256", ORIGIN)).extracting(e -> ((OAuthError) e).error)
                .isEqualTo("unsupported_response_type");
        assertThatThrownBy(() -> DevAuthorizationServer.validate("code", "c", REDIRECT, "openid", "s", "n",
                VERIFIER, "plain", ORIGIN)).hasMessageContaining("S256");
        assertThatThrownBy(() -> DevAuthorizationServer.validate("code", "c", REDIRECT, "openid", "s", "n",
                null, "S256", ORIGIN)).hasMessageContaining("PKCE");
        assertThatThrownBy(() -> DevAuthorizationServer.validate("code", "c", "https://evil.example/console/",
                "openid", "s", "n", challenge, "S256", ORIGIN)).hasMessageContaining("redirect_uri");
    }

    private static AuthorizationRequest request() {
        return DevAuthorizationServer.validate("code", "parley-console", REDIRECT, "openid profile", "af0ifjsldkj",
                "n-0S6_WzA2Mj", DevAuthorizationServer.challengeOf(VERIFIER), "S256", ORIGIN);
    }

    private static JsonNode claims(String jwt) throws Exception {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return new ObjectMapper().readTree(new String(payload, StandardCharsets.UTF_8));
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

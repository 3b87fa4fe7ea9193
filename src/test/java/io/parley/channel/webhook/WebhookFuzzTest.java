package io.parley.channel.webhook;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.parley.security.Roles;
import io.parley.testing.EndpointFuzz;
import io.parley.testing.EndpointFuzz.Outcome;
import io.parley.testing.EndpointFuzz.Target;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Correctly signed but mutated deliveries at an integrator's webhook channel: never a 5xx, every refusal a
 * problem+json naming what is wrong, no refused message stored and every accepted one stored.
 */
@QuarkusTest
class WebhookFuzzTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SIGNING_SECRET = "fuzz-signing-secret-0123456789abcdef";

    @Inject
    AgroalDataSource database;

    @Test
    void integratorsWebhook() {
        UUID channel = UUID.fromString(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", "Fuzz CRM", "config", Map.of("url", "http://127.0.0.1:9/r"),
                        "secrets", Map.of("signingSecret", SIGNING_SECRET)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().<String> path("id"));

        List<Outcome> outcomes = EndpointFuzz.run(new Target("webhook", "POST", "/webhooks/webhook/" + channel, """
                {"type":"message","chatId":"chat-MARK","messageId":"m-MARK","text":"fuzz MARK",
                "timestamp":"2026-12-01T10:00:00Z","sender":{"id":"c-1","name":"Ivan","email":"ivan@shop.example"},
                "attachments":[{"url":"https://shop.example/a.pdf","name":"a.pdf","mediaType":"application/pdf"}]}""",
                body -> {
                    String timestamp = String.valueOf(Instant.now().getEpochSecond());
                    return Map.of("X-Parley-Timestamp", timestamp, "X-Parley-Signature",
                            Signatures.sign(SIGNING_SECRET, timestamp, body));
                }));
        EndpointFuzz.checkStored(database, channel, outcomes, o -> EndpointFuzz.idKeepsMarker(o, "messageId"));
    }
}

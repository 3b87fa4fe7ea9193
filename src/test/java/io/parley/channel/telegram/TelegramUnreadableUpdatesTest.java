package io.parley.channel.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.parley.security.Roles;
import io.parley.testing.EndpointFuzz;
import io.parley.testing.EndpointFuzz.Outcome;
import io.parley.testing.EndpointFuzz.Target;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * Mutated updates with the right secret token at a Telegram webhook: Telegram holds the chat while it retries a
 * non-2xx, so an update Parley cannot use is answered 200, dropped and counted; nothing is ever a 5xx.
 */
@QuarkusTest
class TelegramUnreadableUpdatesTest {

    private static final FakeTelegram TELEGRAM = FakeTelegram.started();

    @Inject
    AgroalDataSource database;

    @AfterAll
    static void stop() {
        TELEGRAM.close();
    }

    @Test
    void mutatedUpdatesNeverFailAndAreNeverStoredHalfRead() {
        String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("type", "telegram", "name", "Fuzz bot", "config", Map.of("mode", "webhook",
                        "apiBaseUrl", TELEGRAM.baseUrl()), "secrets", Map.of("botToken", FakeTelegram.TOKEN)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        UUID channel = UUID.fromString(id);
        String secret = TELEGRAM.calls("setWebhook").stream()
                .filter(c -> c.getString("url").endsWith("/webhooks/telegram/" + channel)).findFirst().orElseThrow()
                .getString("secret_token");
        JsonObject update = FakeTelegram.fixture("text");
        update.getJsonObject("message").put("message_id", Long.parseLong(EndpointFuzz.NUMBER))
                .put("text", "fuzz " + EndpointFuzz.MARK)
                .put("photo", List.of(Map.of("file_id", "f-1", "width", 90, "height", 60, "file_size", 1200)));

        List<Outcome> outcomes = EndpointFuzz.run(new Target("telegram webhook", "POST",
                "/webhooks/telegram/" + channel, update.encode(),
                body -> Map.of("X-Telegram-Bot-Api-Secret-Token", secret)));

        assertThat(outcomes).as("only a body that is not JSON is refused").filteredOn(o -> o.status() != 200)
                .allMatch(o -> o.status() == 400 && !isJson(o.mutant().text()));
        EndpointFuzz.checkStored(database, channel, outcomes, o -> o.mutant().description().startsWith("unknown"));
        given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "parley_inbound_unusable_total{channel_type=\"telegram\""));
    }

    @Test
    void anUnreadableUpdateInAPollBatchIsDroppedAndTheNextOneStored() {
        // Given a bot in polling mode whose next batch has an update without message_id, one with a chat id that is
        // text, and a good one after them
        String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("type", "telegram", "name", "Polled bot " + UUID.randomUUID(), "config",
                        Map.of("mode", "polling", "apiBaseUrl", TELEGRAM.baseUrl(), "pollTimeoutSeconds", "0"),
                        "secrets", Map.of("botToken", FakeTelegram.TOKEN)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        UUID channel = UUID.fromString(id);
        JsonObject noId = FakeTelegram.fixture("text").put("update_id", 7001);
        noId.getJsonObject("message").remove("message_id");
        JsonObject textChat = FakeTelegram.fixture("text").put("update_id", 7002);
        textChat.getJsonObject("message").getJsonObject("chat").put("id", "not a number");
        JsonObject good = FakeTelegram.fixture("text").put("update_id", 7003);
        good.getJsonObject("message").put("message_id", 7003).put("text", "after the unreadable ones")
                .getJsonObject("from").put("id", 880_001);
        good.getJsonObject("message").getJsonObject("chat").put("id", 880_001);
        TELEGRAM.queue(noId);
        TELEGRAM.queue(textChat);
        TELEGRAM.queue(good);

        // Then the good one is stored and the two others are counted, not stored
        String session = io.parley.testing.Sessions.sessionOf(channel, "880001");
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).when().get("/api/sessions/{id}", session)
                .then().body("messages.text", org.hamcrest.Matchers.contains("after the unreadable ones"));
        given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "parley_inbound_unusable_total{channel_type=\"telegram\",reason=\"missing message_id\"}"));
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).when().post("/api/admin/channels/{id}/disable",
                channel).then().statusCode(200);
    }

    private static boolean isJson(String body) {
        try {
            return new JsonObject(body) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

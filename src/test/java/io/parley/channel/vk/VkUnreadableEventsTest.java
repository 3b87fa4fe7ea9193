package io.parley.channel.vk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
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
 * Mutated Callback API events at a VK channel: an event for another community or with a wrong secret is answered 403
 * as VK expects, an authentic event Parley cannot use is answered {@code ok} (VK would otherwise retry it and
 * eventually switch the server off), dropped and counted; nothing is ever a 5xx.
 */
@QuarkusTest
class VkUnreadableEventsTest {

    private static final FakeVk VK = FakeVk.started();

    @Inject
    AgroalDataSource database;

    @AfterAll
    static void stop() {
        VK.close();
    }

    @Test
    void aCommunityIdThatIsNotANumberIsRefusedBeforeAnythingElse() {
        UUID channel = create();
        for (String groupId : new String[] { "\"abc\"", "null", "[]", "{}" }) {
            given().contentType(ContentType.JSON).body("{\"type\":\"message_new\",\"group_id\":" + groupId
                    + ",\"secret\":\"" + VkConformanceTest.SECRET + "\",\"object\":{}}")
                    .when().post("/webhooks/vk/{id}", channel).then().statusCode(403).body(equalTo("forbidden"));
        }
    }

    @Test
    void mutatedEventsNeverFailAndAreNeverStoredHalfRead() {
        UUID channel = create();
        JsonObject event = FakeVk.fixture("message_new");
        event.getJsonObject("object").getJsonObject("message")
                .put("conversation_message_id", Long.parseLong(EndpointFuzz.NUMBER))
                .put("text", "fuzz " + EndpointFuzz.MARK)
                .put("attachments", List.of(Map.of("type", "photo", "photo", Map.of("sizes",
                        List.of(Map.of("url", "https://vk.example/p.jpg", "width", 90, "height", 60))))));

        List<Outcome> outcomes = EndpointFuzz.run(new Target("vk callback", "POST", "/webhooks/vk/" + channel,
                event.encode(), body -> Map.of(), 403));

        EndpointFuzz.checkStored(database, channel, outcomes, o -> o.mutant().description().startsWith("unknown"));
    }

    private static UUID create() {
        Map<String, String> config = new HashMap<>(Map.of("groupId", String.valueOf(FakeVk.GROUP), "mode", "callback",
                "apiBaseUrl", VK.baseUrl(), "confirmation", "a1b2c3d4"));
        String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("type", "vk", "name", "Fuzz community " + UUID.randomUUID(), "config", config, "secrets",
                        Map.of("accessToken", FakeVk.TOKEN, "secretKey", VkConformanceTest.SECRET)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}

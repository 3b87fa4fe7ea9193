package io.parley.channel.vk;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.reply;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A VK community end to end against the fake VK API: confirmation, secret check, a redelivered event gives one message,
 * a reply retried after error 10 is delivered once, a customer who denied messages is marked unreachable, Long Poll.
 */
@QuarkusTest
class VkEndToEndTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);
    private static final long CUSTOMER = 3456789012L;

    private static FakeVk vk;

    @BeforeAll
    static void start() throws Exception {
        vk = new FakeVk();
    }

    @AfterAll
    static void stop() {
        vk.close();
    }

    @Test
    void callbackEventsBecomeOneMessageAndARetriedReplyIsDeliveredOnce() {
        UUID channel = create("callback");

        // VK confirms the server, then delivers an event twice (a retry) and someone posts one with a wrong secret
        given().contentType(ContentType.JSON).body(FakeVk.fixture("confirmation").encode())
                .when().post("/webhooks/vk/{id}", channel)
                .then().statusCode(200).body(equalTo("a1b2c3d4"));
        deliver(channel, FakeVk.fixture("message_new").encode()).then().statusCode(200).body(equalTo("ok"));
        given().contentType(ContentType.JSON).header("X-Retry-Counter", "1").body(FakeVk.fixture("message_new").encode())
                .when().post("/webhooks/vk/{id}", channel).then().statusCode(200).body(equalTo("ok"));
        deliver(channel, FakeVk.fixture("message_new").put("secret", "guess").encode())
                .then().statusCode(403);
        given().when().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "parley_webhook_refused_total{channel=\"" + channel + "\",channel_type=\"vk\"} 1.0"));

        String session = sessionOf(channel, String.valueOf(CUSTOMER));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages", hasSize(1))
                .body("messages[0].text", equalTo("Добрый день! Пришёл не тот размер"));
        // The customer has the name VK gives (users.get), and typing shows in their dialog
        given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}", Api.customerOf(channel, String.valueOf(CUSTOMER)))
                .then().body("displayName", equalTo("Мария Иванова"));
        int typing = vk.calls("messages.setActivity").size();
        given().header("Authorization", SUPERVISOR).when().post("/api/sessions/{id}/typing", session)
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> vk.calls("messages.setActivity").size() > typing);

        // A reply whose first attempt meets error 10 is retried with the same random_id and delivered once
        vk.fail(CUSTOMER, 10);
        String reply = reply(session, "Обменяем, пришлите фото бирки");
        awaitStatus(session, reply, "SENT");
        assertThat(vk.sendCalls(CUSTOMER)).hasSize(2)
                .extracting(c -> c.get("random_id")).containsOnly(String.valueOf(VkAdapter.randomId(reply)));
        assertThat(vk.delivered(CUSTOMER)).singleElement()
                .satisfies(d -> assertThat(d.text()).isEqualTo("Обменяем, пришлите фото бирки"));

        // A colleague answers in VK's own interface: the reply joins the history once; Parley's own sends, which VK
        // reports as message_reply too (without an administrator), are not taken in again
        deliver(channel, FakeVk.fixture("message_reply").encode()).then().statusCode(200);
        deliver(channel, FakeVk.fixture("message_reply").encode()).then().statusCode(200);
        io.vertx.core.json.JsonObject echo = FakeVk.fixture("message_reply");
        echo.getJsonObject("object").remove("admin_author_id");
        echo.getJsonObject("object").put("id", 2111).put("text", "Обменяем, пришлите фото бирки");
        deliver(channel, echo.encode()).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session).then()
                .body("messages.findAll { it.direction == 'OUT' }.text", org.hamcrest.Matchers.containsInAnyOrder(
                        "Обменяем, пришлите фото бирки", "Здравствуйте! Это Анна из магазина, обмен оформлен."))
                .body("messages.find { it.text.startsWith('Здравствуйте! Это Анна') }.author",
                        equalTo("provider:91234567"))
                .body("messages.find { it.text.startsWith('Здравствуйте! Это Анна') }.deliveryStatus",
                        equalTo("SENT")));

        // A customer who denied messages: the next reply fails permanently and the identity is unreachable
        vk.fail(CUSTOMER, 901);
        String refused = reply(session, "Вы здесь?");
        awaitStatus(session, refused, "FAILED");
        given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}", Api.customerOf(channel, String.valueOf(CUSTOMER)))
                .then().body("identities[0].unreachable", equalTo(true));
        close(session);
    }

    @Test
    void aCustomerTakenInWithoutANameGetsItWithTheirNextMessage() {
        // Given a customer whose first message came while users.get failed
        UUID channel = create("callback");
        long user = 3456000000L + (channel.getLeastSignificantBits() & 0xffff);
        vk.namesFail(true);
        try {
            deliver(channel, message(user, 501, "Первое").encode()).then().statusCode(200);
        } finally {
            vk.namesFail(false);
        }
        String customer = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> Api.customerOf(channel, String.valueOf(user)), c -> c != null);
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("displayName", org.hamcrest.Matchers.nullValue());

        // When they write again and VK names them, then the customer has the name
        deliver(channel, message(user, 502, "Второе").encode()).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("displayName", equalTo("Мария Иванова")));
        close(sessionOf(channel, String.valueOf(user)));
    }

    private static io.vertx.core.json.JsonObject message(long user, int conversationMessageId, String text) {
        io.vertx.core.json.JsonObject event = FakeVk.fixture("message_new").put("event_id", UUID.randomUUID().toString());
        event.getJsonObject("object").getJsonObject("message").put("from_id", user).put("peer_id", user)
                .put("conversation_message_id", conversationMessageId).put("text", text);
        return event;
    }

    @Test
    void longPollEventsReachTheTimeline() {
        vk.queueLongPoll(FakeVk.fixture("message_new"));

        UUID channel = create("longpoll");

        String session = sessionOf(channel, String.valueOf(CUSTOMER));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages[0].text", equalTo("Добрый день! Пришёл не тот размер"));
        close(session);
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }

    private static UUID create(String mode) {
        Map<String, String> config = new HashMap<>(Map.of("groupId", String.valueOf(FakeVk.GROUP), "mode", mode,
                "apiBaseUrl", vk.baseUrl()));
        Map<String, String> secrets = new HashMap<>(Map.of("accessToken", FakeVk.TOKEN));
        if (mode.equals("callback")) {
            config.put("confirmation", "a1b2c3d4");
            secrets.put("secretKey", VkConformanceTest.SECRET);
        }
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "vk", "name", "Shop community " + UUID.randomUUID(), "config", config,
                        "secrets", secrets))
                .when().post("/api/admin/channels").then().statusCode(201).body("enabled", equalTo(true))
                .extract().path("id");
        return UUID.fromString(id);
    }

    private static io.restassured.response.Response deliver(UUID channel, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/webhooks/vk/{id}", channel);
    }
}

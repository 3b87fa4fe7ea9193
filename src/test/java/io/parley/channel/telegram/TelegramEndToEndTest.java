package io.parley.channel.telegram;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.close;
import static io.parley.testing.Sessions.reply;
import static io.parley.testing.Sessions.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.RoutingFixtures;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * A Telegram bot end to end against the fake Bot API: webhook registration, secret-token check, duplicates, replies
 * with error mappings, pressed buttons, files, long polling, and a refused token.
 */
@QuarkusTest
class TelegramEndToEndTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);
    private static final String CUSTOMER = "5023781234";

    private static FakeTelegram telegram;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeTelegram();
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    @Test
    void webhookUpdatesBecomeOneMessageEachAndRepliesGoBackToTheChat() {
        // Given a bot in webhook mode: Parley registered its webhook with a secret token
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        JsonObject registered = telegram.calls("setWebhook").stream()
                .filter(c -> c.getString("url").endsWith("/webhooks/telegram/" + channel)).findFirst().orElseThrow();
        String secret = registered.getString("secret_token");
        assertThat(secret).matches("[A-Za-z0-9_-]{1,256}");

        // When Telegram delivers an update twice, and someone posts one without the secret
        deliver(channel, secret, "text").then().statusCode(200);
        deliver(channel, secret, "text").then().statusCode(200);
        deliver(channel, "wrong", "photo").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "parley_webhook_refused_total{channel=\"" + channel + "\",channel_type=\"telegram\"} 1.0"));

        // Then the customer's timeline has the message once
        String session = sessionOf(channel, CUSTOMER);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages", hasSize(1))
                .body("messages[0].text", equalTo("Здравствуйте, где мой заказ 5512?"));

        // When a supervisor replies, then the bot sends it to the chat and the reply is SENT
        String reply = reply(session, "Заказ передан курьеру");
        awaitStatus(session, reply, "SENT");
        assertThat(telegram.calls("sendMessage")).anyMatch(c -> c.getLong("chat_id") == Long.parseLong(CUSTOMER)
                && "Заказ передан курьеру".equals(c.getString("text")));

        // When the customer presses a button, then it arrives as a message with the payload, and is answered
        deliver(channel, secret, "callback").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages.text", org.hamcrest.Matchers.hasItem("Доставка")));
        assertThat(telegram.calls("answerCallbackQuery")).isNotEmpty();

        // When the customer sends a photo, then operators can open it through Parley
        deliver(channel, secret, "photo").then().statusCode(200);
        String url = await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().extract()
                .<String> path("messages.find { it.text == 'Вмятина на двери' }.attachments[0].url"), u -> u != null);
        given().header("Authorization", SUPERVISOR).when().get(url.replace("http://localhost:8080", ""))
                .then().statusCode(200).body(equalTo("fake-file:photos/AgACAgIAAxkBAAIBlarge.jpg"));
        close(session);
    }

    @Test
    void repliesToABusyChatAreSpacedAndHoldUpNoOtherChat() {
        // Given two customers writing to the bot
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        deliver(channel, secret, "text").then().statusCode(200);
        JsonObject second = FakeTelegram.fixture("text").put("update_id", 902169001);
        second.getJsonObject("message").put("message_id", 77);
        second.getJsonObject("message").getJsonObject("from").put("id", 5023789999L);
        second.getJsonObject("message").getJsonObject("chat").put("id", 5023789999L);
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret).body(second.encode())
                .when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        String busy = sessionOf(channel, CUSTOMER);
        String other = sessionOf(channel, "5023789999");

        // When the first gets three replies in a row and then the second one reply
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            reply(busy, "busy " + i + " " + run);
        }
        reply(other, "other " + run);

        // Then the second's reply is not held up behind the first's spaced ones (1 s apart, the Telegram default)
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(run).size() == 4);
        List<String> order = texts(run);
        assertThat(order.indexOf("other " + run)).isLessThan(order.indexOf("busy 3 " + run));
        List<FakeTelegram.Sent> spaced = telegram.sends().stream()
                .filter(s -> s.text() != null && s.text().startsWith("busy ") && s.text().endsWith(run)).toList();
        assertThat(spaced).extracting(FakeTelegram.Sent::text).containsExactly("busy 1 " + run, "busy 2 " + run,
                "busy 3 " + run);
        for (int i = 1; i < spaced.size(); i++) {
            assertThat(Duration.ofNanos(spaced.get(i).receivedAtNanos() - spaced.get(i - 1).receivedAtNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(750));
        }
        close(busy);
        close(other);
    }

    private static List<String> texts(String run) {
        return telegram.sends().stream().map(FakeTelegram.Sent::text).filter(t -> t != null && t.endsWith(run))
                .toList();
    }

    @Test
    void aLongReplyIsSplitWithoutCuttingAnEmoji() {
        // Given a customer, and a reply without spaces whose emoji straddles Telegram's 4096 UTF-16 units
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        deliver(channel, secret, "text").then().statusCode(200);
        String session = sessionOf(channel, CUSTOMER);
        String run = "r" + UUID.randomUUID().toString().substring(0, 8);
        String text = run + "a".repeat(4095 - run.length()) + "😀" + "end" + run;

        // When a supervisor sends it
        String reply = reply(session, text);

        // Then it is SENT in two parts that join to the whole text, the emoji intact in the second
        awaitStatus(session, reply, "SENT");
        List<String> parts = telegram.sends().stream().map(FakeTelegram.Sent::text)
                .filter(t -> t != null && (t.startsWith(run) || t.endsWith(run))).toList();
        assertThat(parts).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(parts.get(1)).startsWith("😀");
        assertThat(String.join("", parts)).isEqualTo(text);
        close(session);
    }

    @Test
    void messagesOfTheSameSecondKeepTheOrderTheyArrivedIn() {
        // Given a customer who writes eight messages within one second (Telegram dates are whole seconds)
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        long chat = 5023770000L + (channel.getLeastSignificantBits() & 0xffff);
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            JsonObject update = FakeTelegram.fixture("text").put("update_id", 902170000 + i);
            update.getJsonObject("message").put("message_id", 3000 + i).put("text", "part " + i)
                    .put("from", new JsonObject().put("id", chat).put("first_name", "Пётр"))
                    .put("chat", new JsonObject().put("id", chat).put("type", "private"));
            texts.add("part " + i);
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .body(update.encode()).when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        }
        String session = sessionOf(channel, String.valueOf(chat));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("messages", hasSize(8)));

        // Then the session shows them in that order, and the timeline newest first
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages.text", equalTo(texts));
        List<String> newestFirst = new java.util.ArrayList<>(texts);
        java.util.Collections.reverse(newestFirst);
        String customer = Api.customerOf(channel, String.valueOf(chat));
        String next = given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline?limit=3",
                customer).then().body("messages.text", equalTo(newestFirst.subList(0, 3))).extract().path("nextCursor");
        given().header("Authorization", SUPERVISOR).queryParam("cursor", next).when()
                .get("/api/customers/{id}/timeline?limit=3", customer)
                .then().body("messages.text", equalTo(newestFirst.subList(3, 6)));
        close(session);
    }

    @Test
    void aCustomerWhoBlockedTheBotIsMarkedUnreachable() {
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        deliver(channel, secret, "text").then().statusCode(200);
        String session = sessionOf(channel, CUSTOMER);
        telegram.fail(Long.parseLong(CUSTOMER), FakeTelegram.error(403, "Forbidden: bot was blocked by the user",
                null));

        String reply = reply(session, "Вы здесь?");

        awaitStatus(session, reply, "FAILED");
        String customer = Api.customerOf(channel, CUSTOMER);
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("identities[0].unreachable", equalTo(true));

        // When a later reply goes through (the customer unblocked the bot), then the identity is reachable again
        awaitStatus(session, reply(session, "Мы на связи"), "SENT");
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("identities[0].unreachable", equalTo(false));

        // When it is marked unreachable again and then the customer writes, then it is reachable again
        telegram.fail(Long.parseLong(CUSTOMER), FakeTelegram.error(403, "Forbidden: bot was blocked by the user",
                null));
        awaitStatus(session, reply(session, "Вы здесь?"), "FAILED");
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("identities[0].unreachable", equalTo(true));
        JsonObject again = FakeTelegram.fixture("text").put("update_id", 902175001);
        again.getJsonObject("message").put("message_id", 4001 + (int) (System.nanoTime() % 1000)).put("text", "Я тут");
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret).body(again.encode())
                .when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}", customer).then().body("identities[0].unreachable", equalTo(false)));
        close(session);
    }

    @Test
    void aSharedOwnContactPutsTheVerifiedPhoneOnTheCustomer() {
        // Given a customer who wrote, and then shares their own contact
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        long user = 5023760000L + (channel.getLeastSignificantBits() & 0xffff);
        String phone = "7916" + String.format("%07d", Math.abs(channel.getMostSignificantBits() % 10_000_000));
        JsonObject text = FakeTelegram.fixture("text");
        text.getJsonObject("message").put("from", new JsonObject().put("id", user).put("first_name", "Анна"))
                .put("chat", new JsonObject().put("id", user).put("type", "private"));
        JsonObject contact = FakeTelegram.fixture("contact");
        contact.getJsonObject("message").put("from", new JsonObject().put("id", user).put("first_name", "Анна"))
                .put("chat", new JsonObject().put("id", user).put("type", "private"))
                .getJsonObject("contact").put("phone_number", phone).put("user_id", user);
        for (JsonObject update : List.of(text, contact)) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .body(update.encode()).when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        }
        String session = sessionOf(channel, String.valueOf(user));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("messages", hasSize(2)));

        // Then the customer is found by that phone
        given().header("Authorization", SUPERVISOR).queryParam("phone", "+" + phone).when().get("/api/customers")
                .then().statusCode(200).body("id", equalTo(List.of(Api.customerOf(channel, String.valueOf(user)))))
                .body("[0].phone", equalTo("+" + phone));
        close(session);
    }

    @Test
    void longPollingDeletesTheWebhookAndIngestsUpdates() {
        int deletes = telegram.calls("deleteWebhook").size();
        telegram.queue(FakeTelegram.fixture("text"));

        UUID channel = create("polling", FakeTelegram.TOKEN);

        assertThat(telegram.calls("deleteWebhook")).hasSize(deletes + 1);
        String session = sessionOf(channel, CUSTOMER);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages", hasSize(1));
        close(session);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.calls("getUpdates").stream()
                .anyMatch(c -> c.getLong("offset", 0L) == 902164002L));
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }

    @Test
    void aWebhookSetElsewhereIsShownCountedAndAnnouncedAndPollingBacksOffUntilItIsGone() {
        try (io.parley.testing.KafkaTopics.Reader events = io.parley.testing.KafkaTopics.read("parley.events")) {
            // Given another client that set a webhook for the bot: getUpdates answers 409
            telegram.conflict(true);
            UUID channel;
            try {
                channel = create("polling", FakeTelegram.TOKEN);

                // Then the channel, still enabled, shows why it gets nothing, the conflict is counted and announced
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                        .when().get("/api/admin/channels/{id}", channel).then().body("enabled", equalTo(true))
                        .body("pollProblem", org.hamcrest.Matchers.startsWith("Telegram 409: Conflict"))
                        .body("pollProblemSince", org.hamcrest.Matchers.notNullValue()));
                given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                        "parley_channels_poll_conflicts_total{channel=\"" + channel + "\",channel_type=\"telegram\"}"));
                assertThat(events.await(v -> v.contains("io.parley.channel.poll-conflict")
                        && v.contains(channel.toString()))).isNotNull();

                // and it backs off instead of polling in a loop (test pauses: 0.1 s doubling to at most 1 s)
                int before = telegram.calls("getUpdates").size();
                await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
                assertThat(telegram.calls("getUpdates").size() - before).isLessThanOrEqualTo(5);
            } finally {
                telegram.conflict(false);
            }

            // When the webhook is gone, then polling resumes, the problem is cleared and that is announced
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .when().get("/api/admin/channels/{id}", channel).then()
                    .body("pollProblem", org.hamcrest.Matchers.nullValue()));
            assertThat(events.await(v -> v.contains("io.parley.channel.poll-resumed")
                    && v.contains(channel.toString()))).isNotNull();
            given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                    .then().statusCode(200);
        }
    }

    @Test
    void aRefusedTokenLeavesTheChannelDisabledWithTheReason() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "telegram", "name", "revoked bot", "config", Map.of("apiBaseUrl",
                        telegram.baseUrl()), "secrets", Map.of("botToken", "987654321:AAErevokedTokenOfSomeOtherBot00")))
                .when().post("/api/admin/channels")
                .then().statusCode(201)
                .body("enabled", equalTo(false))
                .body("disabledReason", equalTo("activation failed: Telegram 401: Unauthorized"));
    }

    @Test
    void aMenuShowsAnInlineKeyboardAndAPressedButtonRoutesTheCustomerByTheAnswer() {
        // Given a bot with a menu, and rules that send refunds elsewhere
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").stream()
                .filter(c -> c.getString("url").endsWith("/webhooks/telegram/" + channel)).findFirst().orElseThrow()
                .getString("secret_token");
        RoutingFixtures.queue("tgm-refund", RoutingFixtures.queueOf("false", 30, false));
        RoutingFixtures.queue("tgm-other", RoutingFixtures.queueOf("false", 30, false));
        String mine = "conversation.channelId == '" + channel + "'";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "refund", "when", mine + " AND menu.topic == 'refund'",
                                "targets", List.of(Map.of("queue", "tgm-refund")))),
                        "defaultTarget", Map.of("queue", "tgm-other")))
                .when().put("/api/admin/workflow").then().statusCode(200);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of(channel.toString()), "start", "root", "nodes", Map.of("root", Map.of(
                        "text", "Чем помочь?", "options", List.of(
                                Map.of("label", "Где мой заказ", "next", "@operator", "set", Map.of("topic", "delivery")),
                                Map.of("label", "Возврат", "next", "@operator", "set", Map.of("topic", "refund")))))))
                .when().put("/api/admin/menus/{id}", "tg-" + channel).then().statusCode(200);

        // When the customer writes, then the bot answers with an inline keyboard
        deliver(channel, secret, "text").then().statusCode(200);
        JsonObject menu = await().atMost(Duration.ofSeconds(20)).until(() -> telegram.calls("sendMessage").stream()
                .filter(c -> "Чем помочь?".equals(c.getString("text")) && c.getJsonObject("reply_markup") != null)
                .findFirst().orElse(null), m -> m != null);
        assertThat(menu.getJsonObject("reply_markup").getJsonArray("inline_keyboard").encode())
                .contains("\"text\":\"Возврат\"", "\"callback_data\":\"2\"");

        // When they press "Возврат", then the conversation is routed by that answer
        JsonObject pressed = FakeTelegram.fixture("callback");
        pressed.getJsonObject("callback_query").put("data", "2");
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret).body(pressed.encode())
                .when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        String session = sessionOf(channel, CUSTOMER);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/routing", session).then().body("[0].decision.queue",
                        equalTo("tgm-refund")));
        close(session);
    }

    @Test
    void filesAreServedOnlyToWhoMayReadTheTimelineAsDownloadsWithTheirNames() {
        // Given a customer who sent a photo, a PDF, an SVG and a file Telegram no longer knows
        UUID channel = create("webhook", FakeTelegram.TOKEN);
        String secret = telegram.calls("setWebhook").getLast().getString("secret_token");
        deliver(channel, secret, "photo").then().statusCode(200);
        deliver(channel, secret, "document").then().statusCode(200);
        JsonObject svg = FakeTelegram.fixture("document").put("update_id", 902164103);
        svg.getJsonObject("message").put("message_id", 1303).put("document", new JsonObject()
                .put("file_name", "схема.svg").put("mime_type", "image/svg+xml").put("file_id", "svg-" + channel));
        JsonObject gone = FakeTelegram.fixture("document").put("update_id", 902164104);
        gone.getJsonObject("message").put("message_id", 1304).getJsonObject("document")
                .put("file_id", FakeTelegram.GONE_FILE + channel);
        for (JsonObject update : List.of(svg, gone)) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .body(update.encode()).when().post("/webhooks/telegram/{id}", channel).then().statusCode(200);
        }
        String session = sessionOf(channel, CUSTOMER);
        List<String> urls = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session).then().extract()
                .<List<String>> path("messages.attachments.flatten().url"), u -> u != null && u.size() == 4);
        String photo = path(urls, "/files/AgACAgIAAxkBAAIBlarge");
        String pdf = path(urls, "/files/BQACAgIAAxkBAAIBdoc");

        // When the supervisor opens them, then the photo shows inline, the PDF and the SVG download with their names,
        // all with nosniff and a sandboxing CSP
        given().header("Authorization", SUPERVISOR).when().get(photo).then().statusCode(200)
                .contentType("image/jpeg").header("Content-Disposition", org.hamcrest.Matchers.startsWith("inline;"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox"));
        given().header("Authorization", SUPERVISOR).when().get(pdf).then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", equalTo(
                        "attachment; filename=\"___-5512.pdf\"; filename*=UTF-8''%D1%87%D0%B5%D0%BA-5512.pdf"));
        given().header("Authorization", SUPERVISOR).when().get(path(urls, "/files/svg-" + channel)).then()
                .statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;"))
                .header("X-Content-Type-Options", "nosniff");

        // And a file Telegram does not know, or one no message links, is 404
        given().header("Authorization", SUPERVISOR).when().get(path(urls, "/files/" + FakeTelegram.GONE_FILE))
                .then().statusCode(404);
        given().header("Authorization", SUPERVISOR).when().get("/api/telegram/{c}/files/never-sent", channel)
                .then().statusCode(404);

        // When an operator who holds none of this customer's conversations opens the photo, then it is refused as the
        // timeline is
        String stranger = "Bearer " + TestTokens.forSubject("stranger-" + channel, Roles.OPERATOR);
        given().header("Authorization", stranger).when().get(photo).then().statusCode(403);
        given().header("Authorization", stranger).when().get("/api/customers/{id}/timeline",
                Api.customerOf(channel, CUSTOMER)).then().statusCode(403);
        close(session);
    }

    private static String path(List<String> urls, String part) {
        return urls.stream().filter(u -> u.contains(part)).findFirst().orElseThrow()
                .replace("http://localhost:8080", "");
    }

    private static UUID create(String mode, String token) {
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "telegram", "name", "Shop bot " + UUID.randomUUID(),
                        "config", Map.of("mode", mode, "apiBaseUrl", telegram.baseUrl(), "pollTimeoutSeconds", "0"),
                        "secrets", Map.of("botToken", token)))
                .when().post("/api/admin/channels").then().statusCode(201).body("enabled", equalTo(true))
                .extract().path("id");
        return UUID.fromString(id);
    }

    private static io.restassured.response.Response deliver(UUID channel, String secret, String fixture) {
        return given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", secret)
                .body(FakeTelegram.fixture(fixture).encode()).when().post("/webhooks/telegram/{id}", channel);
    }
}

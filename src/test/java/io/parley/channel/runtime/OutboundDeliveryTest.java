package io.parley.channel.runtime;

import static io.parley.testing.Sessions.awaitStatus;
import static io.parley.testing.Sessions.reply;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.Metrics;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Inbound redelivery and the outbound dispatcher's handling of each failure type, through Kafka and PostgreSQL. */
@QuarkusTest
class OutboundDeliveryTest {

    private static final String FAILURES = "parley_delivery_failures_total";

    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    ObjectMapper json;

    @Test
    void theSameInboundEventDeliveredTwiceGivesOneMessage() throws Exception {
        UUID channel = scriptedChannel();
        String chat = "dup-" + UUID.randomUUID();
        InboundEnvelope first = envelope(channel, chat, "m-1", "first");

        KafkaTopics.write("parley.inbound", first.key(), json.writeValueAsString(first));
        KafkaTopics.write("parley.inbound", first.key(), json.writeValueAsString(first));
        InboundEnvelope second = envelope(channel, chat, "m-2", "second");
        KafkaTopics.write("parley.inbound", second.key(), json.writeValueAsString(second));

        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channel, chat),
                id -> id != null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}/timeline", customer)
                .then().body("messages.text", org.hamcrest.Matchers.contains("second", "first")));
    }

    @Test
    void retryableFailuresAreRetriedAndLongTextsSplit() throws Exception {
        UUID channel = scriptedChannel();
        String chat = "retry-" + UUID.randomUUID();
        ScriptedAdapterFactory.script(chat, new ChannelFailure.Retryable("HTTP 503"),
                new ChannelFailure.Retryable("timeout"));
        String session = sessionOf(channel, chat);

        String text = "Your refund of 1,299 RUB for order 55-1234 was approved today; it reaches your card in 3 days.";
        String id = reply(session, text);

        awaitStatus(session, id, "SENT");
        List<String> parts = ScriptedAdapterFactory.SENT.stream().filter(m -> m.externalChatId().equals(chat))
                .map(m -> m.text()).toList();
        assertThat(parts).hasSize(2).allMatch(p -> p.length() <= ScriptedAdapterFactory.MAX_TEXT);
        assertThat(String.join(" ", parts)).isEqualTo(text);
        assertThat(ScriptedAdapterFactory.ATTEMPTS.stream().filter(m -> m.externalChatId().equals(chat))).hasSize(4);
    }

    @Test
    void rateLimitedSendWaitsAndSucceeds() throws Exception {
        UUID channel = scriptedChannel();
        String chat = "slow-" + UUID.randomUUID();
        ScriptedAdapterFactory.script(chat, new ChannelFailure.RateLimited(Duration.ofMillis(300), "429"));
        String session = sessionOf(channel, chat);

        awaitStatus(session, reply(session, "ok"), "SENT");
    }

    @Test
    void aRetryAfterLongerThanAMinuteKeepsTheOutboundConsumerAlive() throws Exception {
        // Given a provider that asks one chat to wait 65 s, longer than the Kafka connector's 60 s record check
        UUID channel = scriptedChannel();
        String chat = "patient-" + UUID.randomUUID();
        ScriptedAdapterFactory.script(chat, new ChannelFailure.RateLimited(Duration.ofSeconds(65), "429"));
        String session = sessionOf(channel, chat);
        String id = reply(session, "wait for it");

        // When the wait is over, then the reply is SENT, the consumer is alive and still delivers other replies
        await().atMost(Duration.ofSeconds(100)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages.find { it.id == '" + id + "' }.deliveryStatus", equalTo("SENT")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        String otherSession = sessionOf(scriptedChannel(), "after-" + UUID.randomUUID());
        awaitStatus(otherSession, reply(otherSession, "still flowing"), "SENT");
    }

    @Test
    void permanentFailureIsDeadLetteredMarksTheContactAndCanBeReplayed() throws Exception {
        UUID channel = scriptedChannel();
        String chat = "blocked-" + UUID.randomUUID();
        ScriptedAdapterFactory.script(chat, new ChannelFailure.Permanent("bot was blocked by the user", true));
        String session = sessionOf(channel, chat);
        double unreachable = Metrics.value(FAILURES, "channel_type", "scripted", "reason", "contact_unreachable");

        String id = reply(session, "are you there?");

        awaitStatus(session, id, "FAILED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Metrics.value(FAILURES, "channel_type", "scripted", "reason", "contact_unreachable"))
                    .isEqualTo(unreachable + 1);
            assertThat(Metrics.value("parley_dead_letters", "channel_type", "scripted")).isGreaterThanOrEqualTo(1);
        });
        String customer = Api.customerOf(channel, chat);
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("identities[0].unreachable", equalTo(true));
        String letter = given().header("Authorization", ADMIN).queryParam("channelId", channel)
                .when().get("/api/admin/dead-letters")
                .then().statusCode(200).body("", hasSize(1))
                .body("[0].failure", equalTo("bot was blocked by the user"))
                .body("[0].messageId", equalTo(id))
                .extract().path("[0].id");

        given().header("Authorization", ADMIN).when().post("/api/admin/dead-letters/{id}/replay", letter)
                .then().statusCode(200);
        awaitStatus(session, id, "SENT");
        given().header("Authorization", ADMIN).when().post("/api/admin/dead-letters/{id}/replay", letter)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void refusedCredentialsDisableTheChannel() throws Exception {
        UUID channel = scriptedChannel();
        String chat = "auth-" + UUID.randomUUID();
        ScriptedAdapterFactory.script(chat, new ChannelFailure.AuthenticationFailed("401 Unauthorized"));
        String session = sessionOf(channel, chat);

        String id = reply(session, "hello");

        awaitStatus(session, id, "FAILED");
        given().header("Authorization", ADMIN).when().get("/api/admin/channels/{id}", channel)
                .then().body("enabled", equalTo(false))
                .body("disabledReason", equalTo("credentials refused: 401 Unauthorized"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Metrics.value(FAILURES, "channel_type", "scripted", "reason", "authentication"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(Metrics.value("parley_channels_disabled", "channel_type", "scripted"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    private UUID scriptedChannel() {
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "scripted", "name", "scripted " + UUID.randomUUID()))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private InboundEnvelope envelope(UUID channel, String chat, String messageId, String text) {
        return new InboundEnvelope(channel, "scripted", Instant.now(), new InboundEvent.MessageReceived(messageId,
                chat, Sender.anonymous(chat), text, List.of(), Instant.now(), Map.of()));
    }

    /** A customer writes on the chat; returns the session, assigned to nobody (supervisors reply). */
    private String sessionOf(UUID channel, String chat) throws Exception {
        InboundEnvelope envelope = envelope(channel, chat, "in-1", "help");
        KafkaTopics.write("parley.inbound", envelope.key(), json.writeValueAsString(envelope));
        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channel, chat),
                id -> id != null);
        return given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", customer)
                .then().extract().path("messages[0].sessionId");
    }
}

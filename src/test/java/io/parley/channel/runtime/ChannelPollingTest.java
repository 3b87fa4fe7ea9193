package io.parley.channel.runtime;

import static io.parley.testing.Sessions.close;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.Sender;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The poll loop: events reach the timeline, the cursor moves only after Kafka, leases keep one poller per channel. */
@QuarkusTest
class ChannelPollingTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    PollLeases leases;

    @Inject
    Pool pool;

    @Test
    void polledEventsReachTheTimelineAndAFailedPollRepeatsTheSameCursor() {
        // Given a feed that yields one message, fails once, then yields another
        String feed = "feed-" + UUID.randomUUID();
        String chat = "chat-" + UUID.randomUUID();
        PolledAdapterFactory.script(feed, batch(chat, "m-1", "first", "c1"),
                new ChannelFailure.Retryable("HTTP 502"), batch(chat, "m-2", "second", "c2"));

        // When a polling channel is created for it
        UUID channel = channel(feed);

        // Then both messages reach the customer's timeline
        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channel, chat),
                id -> id != null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}/timeline", customer)
                .then().body("messages.text", org.hamcrest.Matchers.contains("second", "first")));
        close(given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", customer)
                .then().extract().path("messages[0].sessionId"));
        // And the failed poll was repeated from the cursor of the last stored batch, and the cursor is stored
        await().atMost(Duration.ofSeconds(10))
                .until(() -> PolledAdapterFactory.POLLS.get(feed).size() >= 4);
        assertThat(List.copyOf(PolledAdapterFactory.POLLS.get(feed)).subList(0, 4)).containsExactly("null", "c1", "c1", "c2");
        assertThat(cursorOf(channel)).isEqualTo("c2");
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);
    }

    @Test
    void refusedCredentialsDisableThePolledChannelAndFreeItsLease() {
        String feed = "feed-" + UUID.randomUUID();
        PolledAdapterFactory.script(feed, new ChannelFailure.AuthenticationFailed("401 Unauthorized"));

        UUID channel = channel(feed);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .when().get("/api/admin/channels/{id}", channel)
                .then().body("enabled", equalTo(false))
                .body("disabledReason", equalTo("credentials refused: 401 Unauthorized")));
        await().atMost(Duration.ofSeconds(20)).until(() -> ownerOf(channel) == null);
    }

    @Test
    void onlyTheLeaseHolderPollsAndMovesTheCursor() {
        // Given a channel no instance polls (disabled)
        UUID channel = channel("feed-" + UUID.randomUUID());
        given().header("Authorization", ADMIN).when().post("/api/admin/channels/{id}/disable", channel)
                .then().statusCode(200);

        // When instance A holds the lease, B cannot take it or move the cursor
        assertThat(leases.hold(channel, "A", Duration.ofMinutes(1)).await().indefinitely()).isNotNull();
        assertThat(leases.hold(channel, "B", Duration.ofMinutes(1)).await().indefinitely()).isNull();
        assertThat(leases.advance(channel, "B", "b-1").await().indefinitely()).isFalse();
        assertThat(leases.advance(channel, "A", "a-1").await().indefinitely()).isTrue();

        // When A's lease has expired, B takes it over with A's cursor, and A can no longer move the cursor
        leases.hold(channel, "A", Duration.ofSeconds(-1)).await().indefinitely();
        assertThat(leases.hold(channel, "B", Duration.ofMinutes(1)).await().indefinitely())
                .isEqualTo(new PollLeases.Lease("a-1"));
        assertThat(leases.advance(channel, "A", "a-2").await().indefinitely()).isFalse();
        assertThat(cursorOf(channel)).isEqualTo("a-1");
    }

    private static Poller.Batch batch(String chat, String id, String text, String next) {
        return new Poller.Batch(List.of(new InboundEvent.MessageReceived(id, chat, Sender.anonymous(chat), text,
                List.of(), Instant.now(), Map.of())), next);
    }

    private static UUID channel(String feed) {
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "polled", "name", feed, "config", Map.of("feed", feed)))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private String cursorOf(UUID channel) {
        return column(channel, "cursor");
    }

    private String ownerOf(UUID channel) {
        return column(channel, "owner");
    }

    private String column(UUID channel, String column) {
        var rows = pool.preparedQuery("SELECT " + column + " FROM channel_poll_state WHERE channel_id = $1")
                .execute(Tuple.of(channel)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }
}

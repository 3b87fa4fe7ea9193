package io.parley.push;

import static io.parley.testing.RoutingFixtures.awaitOffer;
import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.VisitorSocketClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The operator push API over WebSocket: offers, actions, delivery, resuming, presence. */
@QuarkusTest
class OperatorPushTest {

    @Inject
    Pool pool;

    @Test
    void anOfferIsPushedAcceptedAndAnsweredOverTheSocket() throws Exception {
        UUID channel = Api.createInAppChannel("Push 1");
        queue("p1-q", queueOf("operator.groups HAS 'p1'", 30, false));
        rules(channel, List.of(Map.of("queue", "p1-q")));
        operator("p1-olga", "p1", 2);
        Api.Visitor visitor = Api.anonymousVisitor(channel);

        try (OperatorPushClient olga = OperatorPushClient.connect("p1-olga");
                VisitorSocketClient customer = VisitorSocketClient.connect(channel, visitor.token())) {
            assertThat(olga.request(new JsonObject().put("type", "status").put("status", "AVAILABLE"))
                    .getString("status")).isEqualTo("AVAILABLE");
            olga.event("status", data -> "AVAILABLE".equals(data.getString("status")));

            Api.visitorSays(channel, visitor.token(), "1", "Привезли разбитый телевизор");
            String session = Api.sessionOf(channel, visitor);
            JsonObject offer = olga.event("offer", data -> session.equals(data.getString("sessionId")))
                    .getJsonObject("data");
            assertThat(offer.getString("queue")).isEqualTo("p1-q");
            assertThat(offer.getString("expiresAt")).isNotBlank();
            assertThat(offer.getString("channelType")).isEqualTo("inapp");
            assertThat(offer.getJsonArray("history").getJsonObject(0).getString("text"))
                    .isEqualTo("Привезли разбитый телевизор");

            assertThat(olga.request(new JsonObject().put("type", "accept").put("offerId", offer.getString("offerId")))
                    .getString("type")).isEqualTo("result");
            olga.event("assigned", data -> session.equals(data.getString("sessionId")));
            JsonObject reply = olga.request(new JsonObject().put("type", "reply").put("sessionId", session)
                    .put("text", "Сейчас разберёмся").put("clientKey", "k1"));
            String messageId = reply.getString("messageId");
            assertThat(messageId).isNotBlank();
            String received;
            do {
                received = customer.next(Duration.ofSeconds(20));
            } while (received != null && !received.contains("Сейчас разберёмся"));
            assertThat(received).as("the customer's chat receives the reply").isNotNull();
            olga.event("delivery", data -> messageId.equals(data.getString("messageId")));

            Api.visitorSays(channel, visitor.token(), "2", "Спасибо");
            olga.event("message", data -> "Спасибо".equals(data.getString("text")));
            List<Long> seqs = olga.events().stream().map(e -> e.getLong("seq")).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void declinedAndExpiredOffersEndOnTheDesk() throws Exception {
        UUID channel = Api.createInAppChannel("Push 2");
        queue("p2-q", queueOf("operator.groups HAS 'p2'", 5, false));
        rules(channel, List.of(Map.of("queue", "p2-q")));
        operator("p2-petr", "p2", 2);
        try (OperatorPushClient petr = OperatorPushClient.connect("p2-petr")) {
            petr.request(new JsonObject().put("type", "status").put("status", "AVAILABLE"));
            Api.Visitor first = Api.anonymousVisitor(channel);
            Api.visitorSays(channel, first.token(), "1", "first");
            String firstSession = Api.sessionOf(channel, first);
            String offer = petr.event("offer", data -> firstSession.equals(data.getString("sessionId")))
                    .getJsonObject("data").getString("offerId");

            assertThat(petr.request(new JsonObject().put("type", "decline").put("offerId", offer)).getString("type"))
                    .isEqualTo("result");
            assertThat(petr.event("offer.ended", data -> offer.equals(data.getString("offerId")))
                    .getJsonObject("data").getString("reason")).isEqualTo("declined");
            JsonObject again = petr.request(new JsonObject().put("type", "accept").put("offerId", offer));
            assertThat(again.getString("type")).isEqualTo("error");
            assertThat(again.getInteger("status")).isEqualTo(409);

            Api.Visitor second = Api.anonymousVisitor(channel);
            Api.visitorSays(channel, second.token(), "1", "second");
            String secondSession = Api.sessionOf(channel, second);
            String missed = petr.event("offer", data -> secondSession.equals(data.getString("sessionId")))
                    .getJsonObject("data").getString("offerId");
            assertThat(petr.event("offer.ended", data -> missed.equals(data.getString("offerId")))
                    .getJsonObject("data").getString("reason")).isEqualTo("expired");

            JsonObject invalid = petr.request(new JsonObject().put("type", "accept").put("offerId", "nope"));
            assertThat(invalid.getInteger("status")).isEqualTo(400);
            assertThat(invalid.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("offerId");
        }
    }

    @Test
    void aReconnectingDeskGetsWhatItMissedOrIsToldToResync() throws Exception {
        operator("p3-ivan", "p3", 1);
        long seen;
        try (OperatorPushClient ivan = OperatorPushClient.connect("p3-ivan")) {
            ivan.request(new JsonObject().put("type", "status").put("status", "BREAK"));
            seen = ivan.event("status", data -> "BREAK".equals(data.getString("status"))).getLong("seq");
        }
        status("p3-ivan", "MEETING");
        status("p3-ivan", "BUSY");
        awaitEvents("p3-ivan", seen + 2);

        try (OperatorPushClient ivan = OperatorPushClient.open(OperatorPushClient.ticket("p3-ivan"), seen)) {
            assertThat(ivan.expect("ready").getLong("seq")).isEqualTo(seen + 2);
            JsonObject meeting = ivan.event("status", data -> "MEETING".equals(data.getString("status")));
            JsonObject busy = ivan.event("status", data -> "BUSY".equals(data.getString("status")));
            assertThat(meeting.getLong("seq")).isEqualTo(seen + 1);
            assertThat(busy.getLong("seq")).isEqualTo(seen + 2);
        }

        pool.preparedQuery("DELETE FROM operator_events WHERE subject = $1").execute(Tuple.of("p3-ivan"))
                .await().indefinitely();
        try (OperatorPushClient ivan = OperatorPushClient.open(OperatorPushClient.ticket("p3-ivan"), seen)) {
            assertThat(ivan.expect("resync").getLong("seq")).isEqualTo(seen + 2);
        }
    }

    @Test
    void aTicketOpensOneSocketOnly() throws Exception {
        operator("p4-tanya", "p4", 1);
        String ticket = OperatorPushClient.ticket("p4-tanya");
        try (OperatorPushClient first = OperatorPushClient.open(ticket, null);
                OperatorPushClient second = OperatorPushClient.open(ticket, null)) {
            first.expect("ready");
            assertThat(second.expect("closed").getInteger("status")).isEqualTo(1008);
        }
        try (OperatorPushClient noTicket = OperatorPushClient.open("forged", null)) {
            assertThat(noTicket.expect("closed").getInteger("status")).isEqualTo(1008);
        }
    }

    @Test
    void aLostConnectionSetsTheOperatorOfflineAndReturnsTheirOffers() throws Exception {
        UUID channel = Api.createInAppChannel("Push 5");
        queue("p5-q", queueOf("operator.groups HAS 'p5'", 60, false));
        rules(channel, List.of(Map.of("queue", "p5-q")));
        operator("p5-lena", "p5", 1);
        operator("p5-max", "p5", 1);
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        String session;
        try (OperatorPushClient lena = OperatorPushClient.connect("p5-lena")) {
            lena.request(new JsonObject().put("type", "status").put("status", "AVAILABLE"));
            Api.visitorSays(channel, visitor.token(), "1", "hello");
            session = Api.sessionOf(channel, visitor);
            lena.event("offer", data -> session.equals(data.getString("sessionId")));
            status("p5-max", "AVAILABLE");
        }

        // test configuration: presence grace 3 s
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", token("p5-lena"))
                .when().get("/api/operators/me").then().body("status", equalTo("OFFLINE"))
                .body("statusReason", equalTo("connection lost")));
        given().header("Authorization", token("p5-lena")).when().get("/api/offers").then().body("$", empty());
        awaitOffer("p5-max", session, Duration.ofSeconds(20));
    }

    @Test
    void theSameStreamIsServedAsServerSentEventsAndResumesFromLastEventId() throws Exception {
        operator("p6-sara", "p6", 1);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/operator/events")).header("Authorization", token("p6-sara")).build();
        HttpResponse<Stream<String>> response = http.send(live, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("event:ready");

        status("p6-sara", "AVAILABLE");
        String id = null;
        String line;
        while (!(line = lines.next()).startsWith("event:status")) {
            id = line.startsWith("id:") ? line.substring(3).strip() : id;
        }
        assertThat(id).isNotNull();
        response.body().close();

        long before = Long.parseLong(id) - 1;
        HttpResponse<Stream<String>> resumed = http.send(HttpRequest.newBuilder(live.uri())
                .header("Authorization", token("p6-sara")).header("Last-Event-ID", String.valueOf(before)).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> replayed = resumed.body().limit(8).toList();
        assertThat(replayed).contains("event:ready", "id:" + id, "event:status");
    }

    private void awaitEvents(String subject, long seq) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.preparedQuery(
                "SELECT coalesce(max(seq), 0) AS last FROM operator_events WHERE subject = $1")
                .execute(Tuple.of(subject)).await().indefinitely().iterator().next().getLong("last") >= seq);
    }
}

package io.parley.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.ParleyInfrastructure;
import io.parley.testing.Sessions;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** No record stops the conversation pipeline, and concurrent work on one chat or session all lands. */
@QuarkusTest
class PipelineResilienceTest {

    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource database;

    @Test
    void poisonRecordsAreParkedWithTheirReasonAndTheChatGoesOn() throws Exception {
        // Given a visitor whose first message is stored
        UUID channel = Api.createInAppChannel("Poison");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "first", "before");
        String session = Api.sessionOf(channel, visitor);
        try (KafkaConsumer<String, String> deadLetters = consumer("parley.dead-letter");
                KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {

            // When records PostgreSQL refuses reach parley.inbound past ingress (a NUL in the text; a time no
            // timestamp holds), and the visitor writes again
            String key = channel + ":" + visitor.id();
            KafkaTopics.write("parley.inbound", key, record(channel, visitor.id(), "nul", "a\u0000b", Instant.now()));
            KafkaTopics.write("parley.inbound", key,
                    record(channel, visitor.id(), "far", "late", Instant.parse("+300000-01-01T00:00:00Z")));
            Api.visitorSays(channel, visitor.token(), "second", "after");

            // Then the later message is stored within seconds (each poison record is parked at once, not retried)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                    .when().get("/api/sessions/{id}", session)
                    .then().body("messages.text", org.hamcrest.Matchers.contains("before", "after")));

            // And both are in the dead-letter topic with why, as events, and counted; the consumer stays alive
            List<ConsumerRecord<String, String>> parked = awaitParked(deadLetters, key, 2);
            assertThat(parked).extracting(r -> header(r, "parley-failure")).containsOnly("permanent");
            assertThat(parked).extracting(r -> header(r, "parley-reason"))
                    .containsExactlyInAnyOrder("PostgreSQL 22021", "PostgreSQL 23514");
            assertThat(parked).extracting(r -> header(r, "parley-source")).containsOnly("inbound");
            assertThat(events.await(v -> v.contains(InboundParking.PARKED) && v.contains(visitor.id()))).isNotNull();
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("parley_inbound_parked_total{failure=\"permanent\""));
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void aRecordThatCannotBeAppliedNowIsRedeliveredWhileOtherChatsFlow() throws Exception {
        // Given a visitor with a session, whose session row another transaction holds locked
        UUID channel = Api.createInAppChannel("Locked");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.Visitor other = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "first", "before");
        String session = Api.sessionOf(channel, visitor);
        try (Connection lock = database.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("SELECT id FROM sessions WHERE id = ? FOR UPDATE")) {
                select.setObject(1, UUID.fromString(session));
                select.executeQuery().close();
            }

            // When the visitor writes while the lock is held longer than a record's budget, and another visitor too
            Api.visitorSays(channel, visitor.token(), "second", "while locked");
            Api.visitorSays(channel, other.token(), "first", "meanwhile");

            // Then the other chat is stored while the lock is still held, and the blocked record was deferred
            String otherSession = Api.sessionOf(channel, other);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/metrics")
                    .then().body(containsString("parley_inbound_redelivered_total")));
            lock.commit();
            Sessions.close(otherSession);
        }

        // And once the lock is gone, the deferred message is stored, once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages.text", org.hamcrest.Matchers.contains("before", "while locked")));
        Sessions.close(session);
    }

    @Test
    void textThatPostgresCannotStoreIsNormalizedAtIngress() {
        // Given a visitor who sends a NUL and a lone surrogate, answered 202
        UUID channel = Api.createInAppChannel("NUL at ingress");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        assertThat(given().contentType(ContentType.JSON).header("X-Visitor-Token", visitor.token())
                .body("{\"clientMessageId\":\"n\",\"text\":\"a\\u0000b \\ud83d c \\ud83d\\ude00\"}")
                .when().post("/api/inapp/{c}/messages", channel).then().extract().statusCode()).isEqualTo(202);

        // Then the message is stored, with U+FFFD where the unstorable characters were and the emoji kept
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages[0].text", equalTo("a\uFFFDb \uFFFD c \uD83D\uDE00"));
    }

    @Test
    void concurrentReceiptsAllApplyAndOnlyToTheVisitorsOwnReplies() throws Exception {
        // Given 40 visitors, each with a reply from the contact centre
        UUID channel = Api.createInAppChannel("Receipts");
        List<Api.Visitor> visitors = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Api.Visitor visitor = Api.anonymousVisitor(channel);
            Api.visitorSays(channel, visitor.token(), "q", "question " + i);
            visitors.add(visitor);
        }
        for (Api.Visitor visitor : visitors) {
            String session = Api.sessionOf(channel, visitor);
            sessions.add(session);
            replies.add(Sessions.reply(session, "answer"));
        }
        for (int i = 0; i < 40; i++) {
            Sessions.awaitStatus(sessions.get(i), replies.get(i), "SENT");
        }

        // When the first visitor claims the second one's reply was read, and then all 40 send READ at once
        receipt(channel, visitors.get(0), replies.get(1));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            calls.add(() -> receipt(channel, visitors.get(n), replies.get(n)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdown();
        }

        // Then every reply is READ; the second visitor's reply became READ through its own receipt only
        for (int i = 0; i < 40; i++) {
            Sessions.awaitStatus(sessions.get(i), replies.get(i), "READ");
        }
        sessions.forEach(Sessions::close);
    }

    @Test
    void aForeignReceiptChangesNothing() {
        UUID channel = Api.createInAppChannel("Foreign receipt");
        Api.Visitor owner = Api.anonymousVisitor(channel);
        Api.Visitor stranger = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, owner.token(), "q", "question");
        Api.visitorSays(channel, stranger.token(), "q", "question");
        String session = Api.sessionOf(channel, owner);
        String strangerSession = Api.sessionOf(channel, stranger);
        String reply = Sessions.reply(session, "answer");
        String strangerReply = Sessions.reply(strangerSession, "answer");
        Sessions.awaitStatus(session, reply, "SENT");
        Sessions.awaitStatus(strangerSession, strangerReply, "SENT");

        // When a stranger sends a receipt for the owner's reply, then one for its own
        receipt(channel, stranger, reply);
        receipt(channel, stranger, strangerReply);

        // Then only the stranger's own reply moved (its receipt came after the foreign one, on the same chat)
        Sessions.awaitStatus(strangerSession, strangerReply, "READ");
        Sessions.awaitStatus(session, reply, "SENT");
        Sessions.close(session);
        Sessions.close(strangerSession);
    }

    @Test
    void concurrentRepliesToOneSessionAreAllStored() throws Exception {
        UUID channel = Api.createInAppChannel("Busy session");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "q", "question");
        String session = Api.sessionOf(channel, visitor);

        // When 30 replies are posted at the same moment, two of them with one client key
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String key = i < 2 ? "same" : "key-" + i;
            calls.add(() -> given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                    .body(Map.of("text", "reply", "clientKey", key))
                    .when().post("/api/sessions/{id}/messages", session).then().extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdown();
        }

        // Then none failed, the repeated key gave one reply, and 29 replies are stored
        assertThat(statuses).allMatch(s -> s == 200 || s == 201);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(29);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages.findAll { it.direction == 'OUT' }.size()", equalTo(29));
        Sessions.close(session);
    }

    private static int receipt(UUID channel, Api.Visitor visitor, String messageId) {
        return given().contentType(ContentType.JSON).header("X-Visitor-Token", visitor.token())
                .body(Map.of("messageIds", List.of(messageId), "status", "READ"))
                .when().post("/api/inapp/{c}/receipts", channel).then().extract().statusCode();
    }

    private String record(UUID channel, String chat, String id, String text, Instant at) throws Exception {
        InboundEvent event = new InboundEvent.MessageReceived(chat + "/" + id, chat,
                new Sender(chat, null, null, null, null, List.of()), text, List.of(), at, Map.of());
        return json.writeValueAsString(new InboundEnvelope(channel, "inapp", Instant.now(), event));
    }

    private static List<ConsumerRecord<String, String>> awaitParked(KafkaConsumer<String, String> consumer,
            String key, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        assertThat(found).hasSize(count);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ParleyInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}

package io.parley.routing.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.embedded.EmbeddedKafka;
import io.parley.embedded.EmbeddedPostgres;
import io.parley.push.OperatorPushClient;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.ParleyInfrastructure;
import io.parley.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * Two Parley processes (the packaged application) on one PostgreSQL and one Kafka, both routing the same
 * conversations: still nobody above capacity, no conversation with two pending offers, none lost.
 */
class TwoInstancesIT {

    private static final int OPERATORS = 6;
    private static final int CAPACITY = 2;
    private static final int CONVERSATIONS = 40;
    private static final String SECRET = Api.INAPP_SECRET;

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafka kafka;
    private static final List<Process> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path run = Files.createTempDirectory("parley-two-");
        run.toFile().setExecutable(true, false);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        postgres = EmbeddedPostgres.start(tmp.resolve("parley-postgres-binaries"), run.resolve("postgres"),
                ParleyInfrastructure.freePort(), "parley", false); // throw-away test data: fsync off
        kafka = EmbeddedKafka.start(run.resolve("kafka"), ParleyInfrastructure.freePort(), ParleyInfrastructure.freePort());
        for (String name : List.of("a", "b")) {
            int port = ParleyInfrastructure.freePort();
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Dquarkus.profile=test", "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(Path.of("target/two-instances-" + name + ".log").toFile());
            builder.environment().putAll(Map.of(
                    "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgres.port() + "/parley",
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("parley"),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
            instances.add(builder.start());
            ports.add(port);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> given().port(port).when().get("/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(Process::destroy);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoInstancesRouteTheSameConversationsWithoutBreakingCapacityOrLosingAny() throws Exception {
        String channel = channelWithOwnQueue("two", "true");
        for (int i = 0; i < OPERATORS; i++) {
            String subject = "two-" + i;
            putOperator(i, subject, "two", CAPACITY);
            on(i + 1).header("Authorization", operator(subject)).contentType(ContentType.JSON)
                    .body(Map.of("status", "AVAILABLE")).put("/api/operators/me/status").then().statusCode(200);
        }

        // customers write through both instances at once
        IntStream.range(0, CONVERSATIONS).parallel().forEach(i -> {
            String token = on(i).contentType(ContentType.JSON).body(Map.of()).post("/api/inapp/{c}/visitors", channel)
                    .then().statusCode(200).extract().path("visitorToken");
            on(i + 1).contentType(ContentType.JSON).header("X-Visitor-Token", token)
                    .body(Map.of("clientMessageId", "m", "text", "conversation " + i))
                    .post("/api/inapp/{c}/messages", channel).then().statusCode(202);
        });

        // operators accept whatever is offered to them, each through either instance
        Map<String, Boolean> accepted = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (int i = 0; i < OPERATORS; i++) {
                List<String> offers = on(i).header("Authorization", operator("two-" + i)).get("/api/offers").then()
                        .extract().path("id");
                for (String offer : offers) {
                    on(i + 1).header("Authorization", operator("two-" + i)).post("/api/offers/{id}/accept", offer);
                    accepted.put(offer, true);
                }
            }
            assertInvariants();
            return count("SELECT count(*) FROM routing_tasks WHERE state = 'ASSIGNED' AND queue = 'two'") == OPERATORS
                    * CAPACITY;
        });
        assertInvariants();
        assertThat(count("SELECT count(*) FROM routing_tasks WHERE queue = 'two'")).isEqualTo(CONVERSATIONS);
        assertThat(count("SELECT count(*) FROM routing_tasks WHERE state = 'WAITING' AND queue = 'two'"))
                .isEqualTo(CONVERSATIONS - OPERATORS * CAPACITY);
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(OPERATORS * CAPACITY);
    }

    @Test
    void anOperatorConnectedToOneInstanceIsPushedWhatHappensOnTheOther() throws Exception {
        String channel = channelWithOwnQueue("push", null);
        putOperator(0, "push-1", "push", 1);
        String ticket = on(0).header("Authorization", operator("push-1")).post("/api/operator/push/tickets").then()
                .statusCode(200).extract().path("ticket");

        // the desk is connected to instance b with a ticket issued by instance a; everything else happens on a
        try (OperatorPushClient desk = OperatorPushClient.open(ports.get(1), ticket, null)) {
            desk.expect("ready");
            desk.request(new JsonObject().put("type", "status").put("status", "AVAILABLE"));
            String token = on(0).contentType(ContentType.JSON).body(Map.of()).post("/api/inapp/{c}/visitors", channel)
                    .then().statusCode(200).extract().path("visitorToken");
            on(0).contentType(ContentType.JSON).header("X-Visitor-Token", token)
                    .body(Map.of("clientMessageId", "m", "text", "hello")).post("/api/inapp/{c}/messages", channel)
                    .then().statusCode(202);
            String offer = desk.event("offer", data -> "push".equals(data.getString("queue"))).getJsonObject("data")
                    .getString("offerId");
            assertThat(desk.request(new JsonObject().put("type", "accept").put("offerId", offer)).getString("type"))
                    .isEqualTo("result");
            desk.event("assigned", data -> offer.equals(data.getString("offerId")));
            on(0).header("Authorization", operator("push-1")).contentType(ContentType.JSON)
                    .body(Map.of("status", "BUSY")).put("/api/operators/me/status").then().statusCode(200);
            desk.event("status", data -> "BUSY".equals(data.getString("status")));
        }
    }

    private static void assertInvariants() throws SQLException {
        assertThat(count("SELECT count(*) FROM (SELECT assignee FROM routing_tasks WHERE state IN ('OFFERED',"
                + " 'ASSIGNED') GROUP BY assignee HAVING count(*) > " + CAPACITY + ") over"))
                .as("operators above capacity").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT session_id FROM offers WHERE state = 'PENDING'"
                + " GROUP BY session_id HAVING count(*) > 1) twice")).as("conversations with two pending offers")
                .isZero();
        assertThat(count("SELECT count(*) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM routing_tasks t"
                + " WHERE t.session_id = s.id)")).as("conversations without a routing task").isZero();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("parley"), "postgres", "");
                ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** An in-app channel whose conversations go to a queue of the same name (all of them when {@code when}). */
    private static String channelWithOwnQueue(String name, String when) {
        String admin = TestTokens.bearer(Roles.ADMIN);
        String channel = on(0).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", name, "secrets", Map.of("identitySecret", SECRET)))
                .post("/api/admin/channels").then().statusCode(201).extract().path("id");
        on(1).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "targetExpression", "operator.groups HAS '" + name + "'",
                        "offerTimeoutSeconds", 60))
                .put("/api/admin/queues/{q}", name).then().statusCode(201);
        on(0).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(Map.of("name", name, "when", when != null ? when
                        : "conversation.channelId == '" + channel + "'", "targets", List.of(Map.of("queue", name)))),
                        "defaultTarget", Map.of("queue", name)))
                .put("/api/admin/workflow").then().statusCode(200);
        return channel;
    }

    private static void putOperator(int instance, String subject, String group, int capacity) {
        on(instance).header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("displayName", subject, "groups", List.of(group), "capacity", Map.of("chat", capacity),
                        "maxConcurrent", capacity))
                .put("/api/admin/operators/{s}", subject).then().statusCode(201);
    }

    private static RequestSpecification on(int i) {
        return given().port(ports.get(i % ports.size()));
    }

    private static String operator(String subject) {
        return "Bearer " + TestTokens.forSubject(subject, Roles.OPERATOR);
    }
}

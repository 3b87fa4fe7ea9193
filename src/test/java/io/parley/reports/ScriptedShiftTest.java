package io.parley.reports;

import static io.parley.testing.RoutingFixtures.ADMIN;
import static io.parley.testing.RoutingFixtures.SUPERVISOR;
import static io.parley.testing.RoutingFixtures.awaitOffer;
import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.conversation.IdleSessions;
import io.parley.testing.Api;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A scripted morning in two queues, played on a clock the test moves by hand, and every report measure checked
 * against values worked out by hand below (docs/reports.md has the definitions; percentiles interpolate in the
 * histogram bins of {@link Histogram}).
 */
@QuarkusTest
class ScriptedShiftTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String DAY = "2026-03-02T";
    private static final String RANGE = "?from=2026-03-02T09:00&to=2026-03-02T10:00&tz=UTC&group=hour";

    private final ScriptClock clock = new ScriptClock(Instant.parse(DAY + "08:00:00Z"));

    @Inject
    Pool pool;

    @Inject
    Rollups rollups;

    @BeforeEach
    void installClock() {
        QuarkusMock.installMockForType(clock, InstantSource.class);
    }

    @Test
    void everyMeasureOfAScriptedShiftMatchesTheHandComputedValue() throws Throwable {
        // Given two queues with first-response targets (sales 100 s, support 120 s), their channels and operators
        UUID sales = Api.createInAppChannel("Shift sales");
        UUID support = Api.createInAppChannel("Shift support");
        queue("rs-sales", queueWithSla("rs-sales", 100));
        queue("rs-support", queueWithSla("rs-support", 120));
        workflow(sales, support);
        operator("rs-ana", "rs-sales", 2);
        operator("rs-ben", "rs-sales", 2);
        operator("rs-dan", "rs-support", 2);

        // When the shift is played (each step at the clock time given)
        at("09:00:00");
        status("rs-ana", "BREAK");
        status("rs-dan", "AVAILABLE");

        at("09:05:00"); // c1 waits: nobody in sales is available
        Api.Visitor v1 = Api.anonymousVisitor(sales);
        Api.visitorSays(sales, v1.token(), "1", "Хочу купить диван");
        String c1 = Api.sessionOf(sales, v1);
        awaitFact(c1, "queued_at IS NOT NULL");
        at("09:05:12");
        status("rs-ana", "AVAILABLE");
        String offer = awaitOffer("rs-ana", c1, WITHIN);
        at("09:05:20");
        decide("rs-ana", offer, "accept");
        at("09:05:30");
        reply("rs-ana", c1);
        at("09:06:00");
        Api.visitorSays(sales, v1.token(), "2", "И кресло");
        awaitFact(c1, "customer_messages = 2");
        at("09:08:00");
        close("rs-ana", c1);

        at("09:10:00"); // c2 is offered to Ana at once, she declines; Ben takes it, answers late and hands it to Dan
        Api.Visitor v2 = Api.anonymousVisitor(sales);
        Api.visitorSays(sales, v2.token(), "1", "Нужна доставка");
        String c2 = Api.sessionOf(sales, v2);
        offer = awaitOffer("rs-ana", c2, WITHIN);
        at("09:10:25");
        decide("rs-ana", offer, "decline");
        at("09:11:00");
        status("rs-ben", "AVAILABLE");
        offer = awaitOffer("rs-ben", c2, WITHIN);
        at("09:11:05");
        decide("rs-ben", offer, "accept");
        at("09:12:40");
        reply("rs-ben", c2);
        at("09:13:00");
        given().header("Authorization", token("rs-ben")).contentType(ContentType.JSON)
                .body(Map.of("operator", "rs-dan", "note", "склад")).when().post("/api/sessions/{id}/transfer", c2)
                .then().statusCode(204);

        at("09:15:00"); // c3 in support goes to Dan, who now holds two
        Api.Visitor v3 = Api.anonymousVisitor(support);
        Api.visitorSays(support, v3.token(), "1", "Не работает приложение");
        String c3 = Api.sessionOf(support, v3);
        offer = awaitOffer("rs-dan", c3, WITHIN);
        at("09:15:40");
        decide("rs-dan", offer, "accept");
        at("09:16:00");
        reply("rs-dan", c3);
        at("09:20:00");
        close("rs-dan", c2, Map.of("category", "delivery", "resolution", "resolved"));
        at("09:21:00");
        status("rs-ben", "OFFLINE");

        at("09:25:00"); // c4 is declined and its customer gives up
        Api.Visitor v4 = Api.anonymousVisitor(sales);
        Api.visitorSays(sales, v4.token(), "1", "Алло?");
        String c4 = Api.sessionOf(sales, v4);
        offer = awaitOffer("rs-ana", c4, WITHIN);
        at("09:25:30");
        decide("rs-ana", offer, "decline");
        at("09:30:00");
        close("rs-dan", c3, Map.of("category", "app", "resolution", "answered"));

        at("09:31:00"); // c1's customer writes again: reopened, back to Ana
        Api.visitorSays(sales, v1.token(), "3", "Ещё вопрос");
        offer = awaitOffer("rs-ana", c1, WITHIN);
        at("09:31:10");
        decide("rs-ana", offer, "accept");
        at("09:35:00");
        close("rs-ana", c1);

        at("09:40:00");
        pool.preparedQuery("UPDATE sessions SET last_activity_at = now() - interval '3 hours' WHERE id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(c4)));
        IdleSessions.closeAsOf(OffsetDateTime.now());
        awaitFact(c4, "closed_at IS NOT NULL");
        at("09:45:00");
        status("rs-ana", "OFFLINE");
        status("rs-dan", "OFFLINE");
        at("10:00:00");
        rollups.refresh().await().indefinitely();

        // Then the queues: sales had c1, c2, c4 (waits to offer 12, 0, 0 s; to first reply 30 and 160 s; c4 abandoned)
        JsonPath queues = report("queues", "");
        String salesRow = "rows.find { it.queue == 'rs-sales' }";
        assertThat(queues.getString(salesRow + ".period")).isEqualTo("2026-03-02T09:00");
        assertThat(queues.getLong(salesRow + ".incoming")).isEqualTo(3);
        assertThat(queues.getLong(salesRow + ".answered")).isEqualTo(2);
        assertThat(queues.getLong(salesRow + ".abandoned")).isEqualTo(1);
        assertThat(queues.getLong(salesRow + ".transferredOut")).isEqualTo(1);
        assertThat(queues.getDouble(salesRow + ".reopenRate")).isEqualTo(0.333); // 1 reopened of 3 closed
        assertThat(queues.getDouble(salesRow + ".serviceLevel")).isEqualTo(0.333); // c1 within 100 s; c2, c4 not
        assertThat(queues.getLong(salesRow + ".slaBreaches")).isZero(); // the live SLA clock never ran out
        // waits to offer [0, 0, 12]: bins [0,10) x2, [10,20) x1; median rank 1.5 -> 0 + 10 * 1.5/2; p90 rank 2.7
        assertDurations(queues, salesRow + ".waitToOffer", 3, 4.0, 7.5, 17.0);
        // waits to first reply [30, 160]: bins [30,45), [120,180); median rank 1 -> 45; p90 rank 1.8 -> 120 + 60*0.8
        assertDurations(queues, salesRow + ".waitToFirstReply", 2, 95.0, 45.0, 168.0);
        String supportRow = "rows.find { it.queue == 'rs-support' }";
        assertThat(queues.getLong(supportRow + ".incoming")).isEqualTo(1);
        assertThat(queues.getLong(supportRow + ".answered")).isEqualTo(1);
        assertThat(queues.getLong(supportRow + ".abandoned")).isZero();
        assertThat(queues.getLong(supportRow + ".transferredOut")).isZero();
        assertThat(queues.getDouble(supportRow + ".reopenRate")).isEqualTo(0.0);
        assertThat(queues.getDouble(supportRow + ".serviceLevel")).isEqualTo(1.0);
        assertDurations(queues, supportRow + ".waitToOffer", 1, 0.0, 5.0, 9.0);
        assertDurations(queues, supportRow + ".waitToFirstReply", 1, 60.0, 75.0, 87.0);

        // And the operators. Ana: BREAK 09:00-09:05:12, AVAILABLE to 09:45, OFFLINE to 10:00; held c1 160 s + 230 s
        JsonPath operators = report("operators", "");
        String ana = "rows.find { it.operator == 'rs-ana' }";
        assertThat(operators.getLong(ana + ".handled")).isEqualTo(1);
        assertThat(operators.getDouble(ana + ".firstResponse.average")).isEqualTo(10.0);
        assertThat(operators.getDouble(ana + ".handleTime.average")).isEqualTo(1780.0); // 09:05:20 -> 09:35:00
        assertThat(operators.getMap(ana + ".offers")).containsExactlyInAnyOrderEntriesOf(
                Map.of("made", 4, "accepted", 2, "declined", 2, "missed", 0, "rescinded", 0));
        assertThat(operators.getMap(ana + ".statusSeconds")).containsExactlyInAnyOrderEntriesOf(
                Map.of("BREAK", 312.0f, "AVAILABLE", 2388.0f, "OFFLINE", 900.0f));
        assertThat(operators.getMap(ana + ".loadSeconds")).containsExactlyInAnyOrderEntriesOf(Map.of("1", 390.0f));
        assertThat(operators.getDouble(ana + ".occupancy")).isEqualTo(0.163); // 390 / 2388
        assertThat(operators.getDouble(ana + ".averageConcurrency")).isEqualTo(1.0);
        // Ben: AVAILABLE 09:11-09:21, held c2 09:11:05-09:13:00; answered it 95 s after accepting; handled none
        String ben = "rows.find { it.operator == 'rs-ben' }";
        assertThat(operators.getLong(ben + ".handled")).isZero();
        assertThat(operators.getDouble(ben + ".firstResponse.average")).isEqualTo(95.0);
        assertThat(operators.getString(ben + ".handleTime.average")).isNull();
        assertThat(operators.getMap(ben + ".offers")).containsExactlyInAnyOrderEntriesOf(
                Map.of("made", 1, "accepted", 1, "declined", 0, "missed", 0, "rescinded", 0));
        assertThat(operators.getMap(ben + ".statusSeconds")).containsExactlyInAnyOrderEntriesOf(
                Map.of("AVAILABLE", 600.0f, "OFFLINE", 2340.0f));
        assertThat(operators.getDouble(ben + ".occupancy")).isEqualTo(0.192); // 115 / 600
        // Dan: AVAILABLE 09:00-09:45; one conversation 09:13-09:15:40 and 09:20-09:30, two 09:15:40-09:20
        String dan = "rows.find { it.operator == 'rs-dan' }";
        assertThat(operators.getLong(dan + ".handled")).isEqualTo(2);
        assertThat(operators.getDouble(dan + ".firstResponse.average")).isEqualTo(20.0);
        assertThat(operators.getDouble(dan + ".handleTime.average")).isEqualTo(697.5); // (535 + 860) / 2
        assertThat(operators.getMap(dan + ".statusSeconds")).containsExactlyInAnyOrderEntriesOf(
                Map.of("AVAILABLE", 2700.0f, "OFFLINE", 900.0f));
        assertThat(operators.getMap(dan + ".loadSeconds")).containsExactlyInAnyOrderEntriesOf(
                Map.of("1", 760.0f, "2", 260.0f));
        assertThat(operators.getDouble(dan + ".occupancy")).isEqualTo(0.378); // 1020 / 2700
        assertThat(operators.getDouble(dan + ".averageConcurrency")).isEqualTo(1.255); // (760 + 2 * 260) / 1020

        // And the channels: four conversations, six customer messages, three replies, waits to reply [30, 60, 160]
        JsonPath channels = report("channels", "");
        String inapp = "rows.find { it.channel == 'inapp' }";
        assertThat(channels.getLong(inapp + ".conversations")).isEqualTo(4);
        assertThat(channels.getLong(inapp + ".customerMessages")).isEqualTo(6);
        assertThat(channels.getLong(inapp + ".operatorMessages")).isEqualTo(3);
        assertThat(channels.getLong(inapp + ".deliveryFailures")).isZero();
        assertDurations(channels, inapp + ".waitToFirstReply", 3, 83.333, 75.0, 162.0);

        // And the topics: the wrap-up's category where one was given; every conversation counted once, none spam
        JsonPath topics = report("topics", "");
        assertThat(topics.getList("rows.conversations", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(4);
        assertThat(topics.getList("rows.spam", Integer.class)).containsOnly(0);
        assertThat(topics.getLong("rows.find { it.category == 'delivery' }.conversations")).isEqualTo(1);
        assertThat(topics.getLong("rows.find { it.category == 'app' }.conversations")).isEqualTo(1);
        assertThat(topics.getList("topByQueue.findAll { it.within == 'rs-support' }.category")).containsExactly("app");
        assertThat(topics.getMap("resolutions")).containsExactlyInAnyOrderEntriesOf(
                Map.of("resolved", 1, "answered", 1));

        // And filters: one operator's conversations (read from the facts), and the day in Moscow's time
        JsonPath dansQueues = report("queues", "&operator=rs-dan");
        assertThat(dansQueues.getList("rows.queue")).containsExactlyInAnyOrder("rs-sales", "rs-support");
        assertThat(dansQueues.getLong(salesRow + ".incoming")).isEqualTo(1);
        JsonPath moscow = given().header("Authorization", SUPERVISOR)
                .when().get("/api/reports/queues?from=2026-03-02&to=2026-03-03&tz=Europe/Moscow&group=day&queue=rs-sales")
                .then().statusCode(200).extract().jsonPath();
        assertThat(moscow.getList("rows.period")).containsExactly("2026-03-02T00:00");
        assertThat(moscow.getLong("rows[0].incoming")).isEqualTo(3);

        // And CSV carries the same numbers
        String csv = given().header("Authorization", SUPERVISOR).header("Accept", "text/csv")
                .when().get("/api/reports/queues" + RANGE + "&queue=rs-sales").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("period,queue,incoming,answered,abandoned,transferredOut,reopenRate,"
                + "serviceLevel,slaBreaches,waitToOffer.count,waitToOffer.average,waitToOffer.median,waitToOffer.p90");
        assertThat(lines.get(1)).startsWith("2026-03-02T09:00,rs-sales,3,2,1,1,0.333,0.333,0,3,4.0,7.5,17.0");
    }

    @Test
    void badInputIsNamedAndOperatorsSeeOnlyTheirOwnReport() {
        given().header("Authorization", SUPERVISOR).when().get("/api/reports/queues?from=yesterday")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field",
                        org.hamcrest.Matchers.equalTo("from"));
        given().header("Authorization", SUPERVISOR).when().get("/api/reports/topics?tz=Mars/Olympus")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("tz"));
        given().header("Authorization", SUPERVISOR).when().get("/api/reports/channels?group=month")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("group"));
        given().header("Authorization", SUPERVISOR).when().get("/api/reports/queues?format=xml")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("format"));
        given().header("Authorization", SUPERVISOR)
                .when().get("/api/reports/queues?from=2026-03-02&to=2026-03-01")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        given().header("Authorization", token("rs-eve")).when().get("/api/reports/queues").then().statusCode(403);
        given().header("Authorization", token("rs-eve")).when().get("/api/reports/operators?operator=rs-ana")
                .then().statusCode(403);
        given().header("Authorization", token("rs-eve")).when().get("/api/reports/operators")
                .then().statusCode(200).body("rows.operator", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.equalTo("rs-eve")));
    }

    private void at(String time) {
        clock.set(Instant.parse(DAY + time + "Z"));
    }

    private static Map<String, Object> queueWithSla(String group, int seconds) {
        return Map.of("name", group, "targetExpression", "operator.groups HAS '" + group + "'",
                "offerTimeoutSeconds", 600, "autoAccept", false, "slaFirstResponseSeconds", seconds,
                "reopenToLastOperatorSeconds", 3600);
    }

    private static void workflow(UUID sales, UUID support) {
        queue("nobody", Map.of("name", "q", "targetExpression", "false", "offerTimeoutSeconds", 30,
                "autoAccept", false));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "sales", "when", "conversation.channelId == '" + sales + "'", "targets",
                                List.of(Map.of("queue", "rs-sales"))),
                        Map.of("name", "support", "when", "conversation.channelId == '" + support + "'", "targets",
                                List.of(Map.of("queue", "rs-support")))),
                        "defaultTarget", Map.of("queue", "nobody")))
                .when().put("/api/admin/workflow").then().statusCode(200);
    }

    private static void decide(String operator, String offer, String decision) {
        given().header("Authorization", token(operator)).when().post("/api/offers/{id}/" + decision, offer)
                .then().statusCode(204);
    }

    private static void reply(String operator, String session) {
        given().header("Authorization", token(operator)).contentType(ContentType.JSON)
                .body(Map.of("text", "Сейчас помогу", "clientKey", UUID.randomUUID().toString()))
                .when().post("/api/sessions/{id}/messages", session).then().statusCode(201);
    }

    private static void close(String operator, String session) {
        close(operator, session, Map.of());
    }

    private static void close(String operator, String session, Map<String, String> wrapUp) {
        given().header("Authorization", token(operator)).contentType(ContentType.JSON).body(wrapUp)
                .when().post("/api/sessions/{id}/close", session).then().statusCode(200);
    }

    private void awaitFact(String session, String condition) {
        await().atMost(WITHIN).until(() -> {
            var rows = pool.preparedQuery("SELECT 1 FROM conversation_facts WHERE session_id = $1 AND " + condition)
                    .executeAndAwait(Tuple.of(UUID.fromString(session)));
            return rows.iterator().hasNext();
        });
    }

    private static JsonPath report(String name, String filters) {
        return given().header("Authorization", SUPERVISOR).when().get("/api/reports/" + name + RANGE + filters)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void assertDurations(JsonPath json, String path, long count, double average, double median,
            double p90) {
        assertThat(json.getLong(path + ".count")).as(path + ".count").isEqualTo(count);
        assertThat(json.getDouble(path + ".average")).as(path + ".average").isEqualTo(average);
        assertThat(json.getDouble(path + ".median")).as(path + ".median").isEqualTo(median);
        assertThat(json.getDouble(path + ".p90")).as(path + ".p90").isEqualTo(p90);
    }
}

package io.parley.routing.assignment;

import static io.parley.testing.RoutingFixtures.operator;
import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.parley.testing.RoutingFixtures.status;
import static io.parley.testing.RoutingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Many conversations arriving at once for a few operators: nobody over capacity, nothing double-offered or lost. */
@QuarkusTest
class RoutingConcurrencyTest {

    private static final int OPERATORS = 5;
    private static final int CAPACITY = 2;
    private static final int CONVERSATIONS = 30;

    @Inject
    Pool pool;

    @Test
    void capacityIsNeverExceededNothingIsLostAndFreedCapacityPullsTheBacklog() {
        UUID channel = Api.createInAppChannel("Concurrency");
        queue("rc-q", queueOf("operator.groups HAS 'rc'", 30, true));
        rules(channel, List.of(Map.of("queue", "rc-q")));
        for (int i = 0; i < OPERATORS; i++) {
            operator("rc-" + i, "rc", CAPACITY);
            status("rc-" + i, "AVAILABLE");
        }

        // 30 customers write at the same moment
        IntStream.range(0, CONVERSATIONS).parallel().forEach(i -> {
            Api.Visitor visitor = Api.anonymousVisitor(channel);
            assertThat(Api.visitorSays(channel, visitor.token(), "m", "conversation " + i)).isEqualTo(202);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> states(channel).getOrDefault("ASSIGNED", 0L) == 10
                && states(channel).getOrDefault("WAITING", 0L) == CONVERSATIONS - 10);
        assertInvariants(channel);

        // when five operators each close one conversation, five waiting ones are pulled in
        for (int i = 0; i < OPERATORS; i++) {
            String operator = "rc-" + i;
            String session = held(channel, operator).get(0);
            given().header("Authorization", token(operator)).when().post("/api/sessions/{id}/close", session)
                    .then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> states(channel).getOrDefault("DONE", 0L) == 5
                && states(channel).getOrDefault("ASSIGNED", 0L) == 10
                && states(channel).getOrDefault("WAITING", 0L) == CONVERSATIONS - 15);
        assertInvariants(channel);
    }

    private void assertInvariants(UUID channel) {
        // every conversation has exactly one task: none lost
        assertThat(states(channel).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CONVERSATIONS);
        // nobody holds more than their capacity
        for (Row row : pool.preparedQuery("SELECT assignee, count(*) AS held FROM routing_tasks"
                + " WHERE state IN ('OFFERED', 'ASSIGNED') AND assignee LIKE 'rc-%' GROUP BY assignee")
                .executeAndAwait()) {
            assertThat(row.getLong("held")).as(row.getString("assignee")).isLessThanOrEqualTo(CAPACITY);
        }
        // no conversation has two pending offers, and every assignment agrees with its session
        assertThat(pool.query("SELECT session_id FROM offers WHERE state = 'PENDING' GROUP BY session_id"
                + " HAVING count(*) > 1").executeAndAwait().size()).isZero();
        assertThat(pool.preparedQuery("SELECT count(*) AS n FROM routing_tasks t JOIN sessions s ON s.id = t.session_id"
                + " WHERE t.state = 'ASSIGNED' AND t.attributes -> 'conversation' ->> 'channelId' = $1"
                + " AND s.assignee IS DISTINCT FROM t.assignee").execute(Tuple.of(channel.toString()))
                .await().indefinitely().iterator().next().getLong("n")).isZero();
    }

    private Map<String, Long> states(UUID channel) {
        Map<String, Long> states = new HashMap<>();
        pool.preparedQuery("SELECT state, count(*) AS n FROM routing_tasks"
                + " WHERE attributes -> 'conversation' ->> 'channelId' = $1 GROUP BY state")
                .execute(Tuple.of(channel.toString())).await().indefinitely()
                .forEach(row -> states.put(row.getString("state"), row.getLong("n")));
        return states;
    }

    private List<String> held(UUID channel, String operator) {
        return pool.preparedQuery("SELECT session_id FROM routing_tasks WHERE assignee = $1 AND state = 'ASSIGNED'"
                + " AND attributes -> 'conversation' ->> 'channelId' = $2")
                .execute(Tuple.of(operator, channel.toString())).await().indefinitely().stream()
                .map(row -> row.getUUID("session_id").toString()).toList();
    }
}

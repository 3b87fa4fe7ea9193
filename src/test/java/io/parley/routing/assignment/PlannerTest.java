package io.parley.routing.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.core.TargetMatches;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.queue.SelectionStrategy;
import io.parley.routing.workflow.CompiledWorkflow;
import io.parley.routing.workflow.Workflow;

/** A round's planning without I/O: how offers spread over a team that was equally idle. */
class PlannerTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-23T07:00:00Z");
    private static final Instant IDLE_SINCE = Instant.parse("2026-11-23T06:00:00Z");

    private static final CompiledWorkflow WORKFLOW = CompiledWorkflow.compile(1,
            new Workflow(List.of(), new Workflow.Target("chat", 0, null, null, null)), null);

    @Test
    void aBurstRotatesOverOperatorsWhoWereEquallyIdleInsteadOfPilingOntoTheFirstByName() {
        Map<String, OperatorSnapshot> team = new LinkedHashMap<>();
        for (String subject : List.of("anna", "boris", "carl")) {
            team.put(subject, new OperatorSnapshot(subject, "AVAILABLE", List.of(), List.of(), List.of(),
                    Map.of("chat", 5), 5, Map.of(), IDLE_SINCE, null));
        }
        Map<UUID, Map<String, Object>> attributes = new HashMap<>();
        List<WaitingTask> tasks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            WaitingTask task = new WaitingTask(UUID.randomUUID(), null, 0, null, "chat", "{}", null, null, 0);
            tasks.add(task);
            attributes.put(task.sessionId(), Map.of());
        }
        Map<String, QueueSnapshot> queues = Map.of("chat", new QueueSnapshot("chat", ExpressionParser.parse("true"),
                SelectionStrategy.LONGEST_IDLE, 30, false, true, 0, 0, null, null, null));
        OfferClock clock = new OfferClock(NOW.toInstant());

        List<Plan> first = Planner.plan(tasks.subList(0, 4), Map.of(), WORKFLOW, queues, team, attributes,
                new TargetMatches(), clock, NOW);
        List<Plan> second = Planner.plan(tasks.subList(4, 7), Map.of(), WORKFLOW, queues, team, attributes,
                new TargetMatches(), clock, NOW);

        List<Plan> round = new ArrayList<>(first);
        round.addAll(second);
        assertThat(round).extracting(p -> p.decision().winner())
                .containsExactly("anna", "boris", "carl", "anna", "boris", "carl", "anna");
        assertThat(round).extracting(Plan::offeredAt).isSorted().doesNotHaveDuplicates()
                .allMatch(at -> at.isAfter(NOW) && at.isBefore(NOW.plusSeconds(1)));
        assertThat(team.get("anna").totalLoad()).isEqualTo(3);
        assertThat(team.get("boris").idleSince()).isEqualTo(round.get(4).offeredAt().toInstant());
    }
}

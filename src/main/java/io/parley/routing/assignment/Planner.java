package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.routing.core.Decision;
import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.core.RoutingCore;
import io.parley.routing.core.TargetMatches;
import io.parley.routing.workflow.CompiledWorkflow;

/**
 * Decides a batch of locked tasks in memory, in order, against one snapshot of the team that it updates as it plans
 * offers (so two tasks of a batch are not planned onto an operator's last free slot, and an operator just offered
 * one is no longer the longest idle). No effects; target expression results are remembered across the round's
 * batches in {@code matches}.
 */
final class Planner {

    private Planner() {
    }

    static List<Plan> plan(List<WaitingTask> tasks, Map<UUID, Set<String>> excluded, CompiledWorkflow workflow,
            Map<String, QueueSnapshot> queues, Map<String, OperatorSnapshot> team,
            Map<UUID, Map<String, Object>> attributes, TargetMatches matches, OfferClock clock, OffsetDateTime now) {
        List<Plan> plans = new ArrayList<>(tasks.size());
        for (WaitingTask task : tasks) {
            Plan plan = plan(task, excluded.getOrDefault(task.sessionId(), Set.of()), workflow, queues,
                    team, attributes.get(task.sessionId()), now, matches, clock);
            if (plan.offer()) {
                String winner = plan.decision().winner();
                team.put(winner, team.get(winner).holding(task.channelKind(), plan.offeredAt().toInstant()));
            }
            plans.add(plan);
        }
        return plans;
    }

    private static Plan plan(WaitingTask task, Set<String> excluded, CompiledWorkflow workflow,
            Map<String, QueueSnapshot> queues, Map<String, OperatorSnapshot> team, Map<String, Object> attributes,
            OffsetDateTime now, TargetMatches matches, OfferClock clock) {
        OffsetDateTime timeoutAt = task.stepTimeoutAt();
        int step = timeoutAt != null && !now.isBefore(timeoutAt) ? task.step() + 1 : task.step();
        String forced = task.forcedQueue();
        CompiledWorkflow rules = forced == null ? workflow
                : new CompiledWorkflow(workflow.version(), List.of(),
                        new CompiledWorkflow.CompiledTarget(forced, task.priority(), null, null, null));
        Decision decided = RoutingCore.decide(rules, attributes, task.channelKind(), step, queues, team,
                excluded, task.preferredOperator(), now.toInstant(), matches);
        Decision decision = forced == null ? decided
                : new Decision(decided.workflowVersion(), "transfer to " + forced, decided.step(), decided.queue(),
                        decided.priority(), decided.timeoutSeconds(), decided.queueOpen(), decided.candidates(),
                        decided.winner(), decided.notes());
        boolean moved = !decision.queue().equals(task.queue()) || decision.step() != task.step();
        OffsetDateTime nextTimeout = !moved ? timeoutAt
                : decision.timeoutSeconds() == null ? null : now.plusSeconds(decision.timeoutSeconds());
        OffsetDateTime offeredAt = decision.winner() == null ? null : clock.next().atOffset(ZoneOffset.UTC);
        return new Plan(task, decision, moved, nextTimeout, offeredAt);
    }
}

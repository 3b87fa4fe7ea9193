package io.parley.routing.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.routing.expression.Attributes;
import io.parley.routing.expression.Expression;

/**
 * For one routing round, which operators each queue's target expression admits, so a decision looks only at them
 * instead of at the whole team. Only expressions that read nothing that changes during a round (the conversation,
 * an operator's status or load) are indexed; a round's queues and operator profiles do not change. Not thread-safe:
 * one per round.
 */
public final class TargetMatches {

    private static final Set<String> STABLE = Set.of("operator.subject", "operator.skills", "operator.languages",
            "operator.groups", "operator.capacity", "operator.maxConcurrent");

    private final Map<Expression, Boolean> indexable = new IdentityHashMap<>();
    private final Map<String, List<String>> admittedByQueue = new HashMap<>();

    /** The operators of {@code team} to consider for {@code queue}. */
    Pool pool(QueueSnapshot queue, Map<String, OperatorSnapshot> team) {
        if (!indexable.computeIfAbsent(queue.target(), TargetMatches::readsOnlyStableAttributes)) {
            return new Pool(List.copyOf(team.values()), false, 0);
        }
        List<String> admitted = admittedByQueue.computeIfAbsent(queue.id(), id -> admitted(queue, team));
        List<OperatorSnapshot> operators = new ArrayList<>(admitted.size());
        for (String subject : admitted) {
            OperatorSnapshot operator = team.get(subject);
            if (operator != null) {
                operators.add(operator);
            }
        }
        return new Pool(operators, true, team.size() - operators.size());
    }

    private static List<String> admitted(QueueSnapshot queue, Map<String, OperatorSnapshot> team) {
        Attributes nothing = path -> null;
        Map<String, Object> queueAttributes = queue.attributes();
        List<String> admitted = new ArrayList<>();
        for (OperatorSnapshot operator : team.values()) {
            if (queue.target().test(RoutingCore.scope(nothing, queueAttributes, operator.attributes()))) {
                admitted.add(operator.subject());
            }
        }
        return admitted;
    }

    private static boolean readsOnlyStableAttributes(Expression expression) {
        return expression.paths().stream().allMatch(path -> path.startsWith("queue.")
                || STABLE.stream().anyMatch(stable -> path.equals(stable) || path.startsWith(stable + ".")));
    }

    /**
     * Operators to consider for a queue.
     *
     * @param admittedByTarget whether all of them are known to match the queue's target expression
     * @param outside how many operators of the team it leaves out
     */
    record Pool(List<OperatorSnapshot> operators, boolean admittedByTarget, int outside) {
    }
}

package io.parley.routing.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.parley.routing.expression.Attributes;
import io.parley.routing.expression.Expression;
import io.parley.routing.queue.SelectionStrategy;
import io.parley.routing.workflow.CompiledWorkflow;

/**
 * The routing engine's pure core: from a conversation, the workflow and a snapshot of queues and operators, decide
 * which queue the conversation belongs to and which operator (if any) should be offered it, with the reasons. No I/O,
 * no clock of its own, no state: the same inputs give the same decision.
 */
public final class RoutingCore {

    private RoutingCore() {
    }

    /**
     * @param conversation attributes by namespace: {@code conversation}, {@code customer}, {@code classification},
     *        {@code channel}, each a map
     * @param channelKind the capacity kind the conversation uses (e.g. {@code chat}, {@code email})
     * @param step the position on the ladder to start from (0 on arrival; raised when a target times out)
     * @param excluded operators who declined or missed an offer of this conversation
     * @param preferred the operator a reopened conversation goes back to when they are eligible (or null)
     */
    public static Decision decide(CompiledWorkflow workflow, Map<String, ?> conversation, String channelKind, int step,
            Map<String, QueueSnapshot> queues, List<OperatorSnapshot> operators, Set<String> excluded,
            String preferred, Instant now) {
        return decide(workflow, conversation, channelKind, step, queues, excluded, preferred, now,
                queue -> new TargetMatches.Pool(operators, false, 0));
    }

    /**
     * The same for one decision of a routing round: only the operators {@code matches} admits to the chosen queue are
     * considered (and listed as candidates); the others are counted in a note.
     */
    public static Decision decide(CompiledWorkflow workflow, Map<String, ?> conversation, String channelKind, int step,
            Map<String, QueueSnapshot> queues, Map<String, OperatorSnapshot> team, Set<String> excluded,
            String preferred, Instant now, TargetMatches matches) {
        return decide(workflow, conversation, channelKind, step, queues, excluded, preferred, now,
                queue -> matches.pool(queue, team));
    }

    private static Decision decide(CompiledWorkflow workflow, Map<String, ?> conversation, String channelKind,
            int step, Map<String, QueueSnapshot> queues, Set<String> excluded, String preferred, Instant now,
            Function<QueueSnapshot, TargetMatches.Pool> pools) {
        Attributes base = Attributes.of(conversation);
        String filterName = "default";
        List<CompiledWorkflow.CompiledTarget> ladder = List.of(workflow.defaultTarget());
        for (CompiledWorkflow.CompiledFilter filter : workflow.filters()) {
            if (filter.when().test(base)) {
                filterName = filter.name();
                ladder = filter.targets();
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        int chosen = -1;
        for (int i = Math.min(step, ladder.size() - 1); i < ladder.size() && chosen < 0; i++) {
            CompiledWorkflow.CompiledTarget candidate = ladder.get(i);
            QueueSnapshot queue = queues.get(candidate.queue());
            if (queue == null) {
                notes.add("target " + i + ": queue '" + candidate.queue() + "' does not exist");
            } else if (candidate.skipIf() != null
                    && candidate.skipIf().test(scope(base, queue.attributes(), null))) {
                notes.add("target " + i + ": skipped, skipIf holds");
            } else {
                chosen = i;
            }
        }
        if (chosen < 0) {
            chosen = ladder.size() - 1;
            notes.add("no target could be used; staying at the last one");
        }
        CompiledWorkflow.CompiledTarget target = ladder.get(chosen);
        QueueSnapshot queue = queues.get(target.queue());
        if (queue == null) {
            return new Decision(workflow.version(), filterName, chosen, target.queue(), target.priority(),
                    target.timeoutSeconds(), false, List.of(), null, notes);
        }
        TargetMatches.Pool pool = pools.apply(queue);
        if (pool.outside() > 0) {
            notes.add(pool.outside() + " operators not considered: queue '" + queue.id()
                    + "' expression does not match them");
        }
        List<Decision.Candidate> candidates = new ArrayList<>(pool.operators().size());
        List<OperatorSnapshot> eligible = new ArrayList<>();
        Map<String, Object> queueAttributes = queue.attributes();
        for (OperatorSnapshot operator : pool.operators()) {
            Optional<String> refusal = excluded.contains(operator.subject())
                    ? Optional.of("declined or missed this conversation's offer")
                    : refusal(operator, base, queueAttributes, queue, target.operators(), channelKind,
                            !pool.admittedByTarget());
            candidates.add(new Decision.Candidate(operator.subject(), refusal.isEmpty(), refusal.orElse("eligible")));
            if (refusal.isEmpty()) {
                eligible.add(operator);
            }
        }
        String winner = null;
        if (queue.open()) {
            boolean returning = eligible.stream().anyMatch(o -> o.subject().equals(preferred));
            winner = returning ? preferred : pick(eligible, queue.strategy(), channelKind, now);
            if (returning) {
                notes.add("returned to the last operator, " + preferred);
            }
        }
        if (!queue.open()) {
            notes.add("queue '" + queue.id() + "' is outside its business hours");
        }
        Integer timeout = target.timeoutSeconds();
        if (queue.maxWaitSeconds() != null && (timeout == null || queue.maxWaitSeconds() < timeout)) {
            timeout = queue.maxWaitSeconds();
        }
        return new Decision(workflow.version(), filterName, chosen, queue.id(), target.priority(), timeout,
                queue.open(), candidates, winner, notes);
    }

    private static Optional<String> refusal(OperatorSnapshot operator, Attributes conversation,
            Map<String, Object> queueAttributes, QueueSnapshot queue, Expression extra, String kind,
            boolean checkTarget) {
        if (!"AVAILABLE".equals(operator.status())) {
            return Optional.of("status " + operator.status());
        }
        int capacity = operator.capacity().getOrDefault(kind, 0);
        if (capacity == 0) {
            return Optional.of("no capacity for " + kind);
        }
        if (operator.spare(kind) <= 0) {
            return Optional.of("full for " + kind + " (" + operator.load().getOrDefault(kind, 0) + "/" + capacity + ")");
        }
        if (operator.totalLoad() >= operator.maxConcurrent()) {
            return Optional.of("at maximum concurrent conversations (" + operator.maxConcurrent() + ")");
        }
        Attributes scope = scope(conversation, queueAttributes, operator.attributes());
        if (checkTarget && !queue.target().test(scope)) {
            return Optional.of("queue expression does not match");
        }
        if (extra != null && !extra.test(scope)) {
            return Optional.of("target expression does not match");
        }
        return Optional.empty();
    }

    private static String pick(List<OperatorSnapshot> eligible, SelectionStrategy strategy, String kind, Instant now) {
        Comparator<OperatorSnapshot> longestIdle = Comparator
                .comparing((OperatorSnapshot o) -> o.idleSince() == null ? now : o.idleSince())
                .thenComparing(OperatorSnapshot::subject);
        Comparator<OperatorSnapshot> order = switch (strategy) {
            case LONGEST_IDLE -> longestIdle;
            case LEAST_LOADED -> Comparator.comparingInt((OperatorSnapshot o) -> -o.spare(kind)).thenComparing(longestIdle);
            case ROUND_ROBIN -> Comparator
                    .comparing((OperatorSnapshot o) -> o.lastOfferedAt() == null ? Instant.MIN : o.lastOfferedAt())
                    .thenComparing(OperatorSnapshot::subject);
        };
        return eligible.stream().min(order).map(OperatorSnapshot::subject).orElse(null);
    }

    /** The conversation's attributes plus {@code queue.*} and {@code operator.*}, without copying anything. */
    static Attributes scope(Attributes conversation, Map<String, Object> queue, Map<String, Object> operator) {
        return path -> switch (path.get(0)) {
            case "queue" -> Attributes.at(queue, path, 1);
            case "operator" -> operator == null ? null : Attributes.at(operator, path, 1);
            default -> conversation.resolve(path);
        };
    }
}

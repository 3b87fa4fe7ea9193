package io.parley.routing.workflow;

import java.util.List;

/**
 * The routing rules: the first filter whose {@code when} holds picks a ladder of targets, tried in order; a
 * conversation no filter matches goes to {@code defaultTarget}. Stored as versioned JSON (see README, Routing rules).
 *
 * @param filters checked in order; the first match wins
 * @param defaultTarget where unmatched conversations go
 */
public record Workflow(List<Filter> filters, Target defaultTarget) {

    public Workflow {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /**
     * @param name shown in explanations
     * @param when an expression over the conversation, e.g. {@code classification.category == 'damage'}
     * @param targets the ladder: the conversation waits at each target up to its timeout, then moves to the next
     */
    public record Filter(String name, String when, List<Target> targets) {

        public Filter {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /**
     * @param queue the queue id
     * @param priority higher is served first (default 0)
     * @param timeoutSeconds how long to wait here before the next target (null: stay)
     * @param operators an extra expression operators must also satisfy at this step, e.g. {@code operator.skills HAS 'vip'}
     * @param skipIf skip this target when the expression holds, e.g. {@code queue.available == 0}
     */
    public record Target(String queue, Integer priority, Integer timeoutSeconds, String operators, String skipIf) {
    }
}

package io.parley.routing.core;

import java.util.List;

/**
 * A routing decision with everything needed to explain it.
 *
 * @param workflowVersion the rules that were applied
 * @param filter the filter that matched, or {@code default}
 * @param step the position on the filter's ladder of targets that was used
 * @param queue the queue chosen
 * @param timeoutSeconds how long the conversation may wait at this step before the next one (null: stays)
 * @param queueOpen whether the queue is within business hours
 * @param candidates every operator considered, with why they were or were not eligible
 * @param winner the operator to offer the conversation to, or null when nobody is eligible (it waits)
 * @param notes targets skipped and why
 */
public record Decision(int workflowVersion, String filter, int step, String queue, int priority, Integer timeoutSeconds,
        boolean queueOpen, List<Candidate> candidates, String winner, List<String> notes) {

    /** One operator considered, e.g. {@code (olga, false, "status BREAK")}. */
    public record Candidate(String operator, boolean eligible, String reason) {
    }
}

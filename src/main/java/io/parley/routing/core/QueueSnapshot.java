package io.parley.routing.core;

import java.util.Map;

import io.parley.routing.expression.Expression;
import io.parley.routing.queue.BusinessHours;
import io.parley.routing.queue.SelectionStrategy;

/**
 * A queue as routing sees it at one moment.
 *
 * @param target the parsed target-operator expression
 * @param autoAccept offers are accepted on the operator's behalf
 * @param open whether it is within business hours
 * @param waiting conversations waiting in it
 * @param available operators that could take one of them now
 * @param maxWaitSeconds after this long here a conversation moves to the next target of its rule (null: no limit)
 * @param sla the queue's service-level targets (null: none)
 * @param replies what the customer is told on entering the queue (null: nothing)
 */
public record QueueSnapshot(String id, Expression target, SelectionStrategy strategy, int offerTimeoutSeconds,
        boolean autoAccept, boolean open, int waiting, int available, Integer maxWaitSeconds, Sla sla,
        Replies replies) {

    /**
     * Automatic replies.
     *
     * @param outOfHours sent when the queue is closed
     * @param position sent while waiting; {@code {position}} is the customer's place
     */
    public record Replies(String outOfHours, String position) {
    }

    /**
     * Service-level targets, counted in the queue's open time when it has business hours.
     *
     * @param hours the queue's business hours, or null for round-the-clock
     */
    public record Sla(Integer firstResponseSeconds, Integer resolutionSeconds, BusinessHours hours) {
    }

    /** What {@code queue.*} paths of expressions see. */
    Map<String, Object> attributes() {
        return Map.of("id", id, "open", open, "waiting", waiting, "available", available);
    }
}

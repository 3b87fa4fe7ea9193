package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.parley.routing.core.Decision;

/**
 * What a routing decision will do to one task.
 *
 * @param moved whether the task enters a queue or moves along its ladder (a {@code queued}/{@code escalated} event)
 * @param nextTimeout when its target times out from now on
 * @param offeredAt when the round offers it to the decision's winner ({@link OfferClock}); {@code null}: no offer, also
 *        when the winner turned out to be no longer free
 */
record Plan(WaitingTask task, Decision decision, boolean moved, OffsetDateTime nextTimeout, OffsetDateTime offeredAt) {

    /** Whether an offer is made to the decision's winner. */
    boolean offer() {
        return offeredAt != null;
    }

    /** The same plan when its winner turned out to be no longer free: no offer, the task waits. */
    Plan withoutOffer() {
        List<String> notes = new ArrayList<>(decision.notes());
        notes.add("no offer to " + decision.winner() + ": no longer free when re-checked");
        Decision waits = new Decision(decision.workflowVersion(), decision.filter(), decision.step(), decision.queue(),
                decision.priority(), decision.timeoutSeconds(), decision.queueOpen(), decision.candidates(), null,
                notes);
        return new Plan(task, waits, moved, nextTimeout, null);
    }

    /** Why the decision is explained, or {@code null} when nothing new happened (still waiting where it was). */
    String trigger() {
        return moved ? "queued" : decision.winner() != null ? "offer" : null;
    }
}

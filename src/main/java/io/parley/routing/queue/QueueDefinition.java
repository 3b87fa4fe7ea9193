package io.parley.routing.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A queue as an administrator defines it.
 *
 * @param targetExpression which operators may take its conversations, e.g.
 *        {@code operator.skills HAS 'claims' AND operator.languages HAS 'ru'}
 * @param strategy how one of them is picked
 * @param offerTimeoutSeconds how long an offer waits for acceptance before the next candidate
 * @param autoAccept offers are accepted for the operator (teams without an accept step)
 * @param maxWaitSeconds the longest a conversation waits here before the next target of its rule (null = no limit)
 * @param businessHours when the queue is staffed (null = always)
 * @param outOfHoursReply sent to the customer who writes while the queue is closed
 * @param positionReply sent while waiting; {@code {position}} becomes the customer's place in the queue
 * @param closedReply sent when an operator closes the conversation (not for "no-reply-needed" or inactivity)
 * @param reopenToLastOperatorSeconds a customer who writes again this soon goes back to their last operator, if
 *        available
 * @param slaFirstResponseSeconds first-response target (business hours where set)
 * @param slaResolutionSeconds resolution target
 */
public record QueueDefinition(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 4000) String targetExpression,
        SelectionStrategy strategy, @NotNull @Min(5) @Max(3600) Integer offerTimeoutSeconds, boolean autoAccept,
        @Min(10) @Max(604_800) Integer maxWaitSeconds, @Valid BusinessHours businessHours,
        @Size(max = 2000) String outOfHoursReply, @Size(max = 2000) String positionReply,
        @Size(max = 2000) String closedReply,
        @Min(0) @Max(2_592_000) Integer reopenToLastOperatorSeconds, @Min(10) @Max(2_592_000) Integer slaFirstResponseSeconds,
        @Min(10) @Max(31_536_000) Integer slaResolutionSeconds) {
}

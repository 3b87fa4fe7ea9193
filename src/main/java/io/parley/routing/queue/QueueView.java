package io.parley.routing.queue;

import java.time.OffsetDateTime;

/** A queue as the API returns it, with whether it is open now. */
public record QueueView(String id, QueueDefinition definition, boolean openNow, int version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static QueueView of(QueueEntity q, boolean openNow) {
        return new QueueView(q.id, new QueueDefinition(q.name, q.targetExpression, q.strategy, q.offerTimeoutSeconds,
                q.autoAccept, q.maxWaitSeconds, q.businessHours, q.outOfHoursReply, q.positionReply,
                q.closedReply,
                q.reopenToLastOperatorSeconds, q.slaFirstResponseSeconds, q.slaResolutionSeconds), openNow, q.version,
                q.createdAt, q.updatedAt);
    }
}

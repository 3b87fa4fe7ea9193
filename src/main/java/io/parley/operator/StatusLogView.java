package io.parley.operator;

import java.time.OffsetDateTime;

/** One entry of an operator's status log. */
public record StatusLogView(long id, OperatorStatus status, OperatorStatus previous, String reason, String changedBy,
        OffsetDateTime at) {

    static StatusLogView of(StatusLogEntity e) {
        return new StatusLogView(e.id, e.status, e.previous, e.reason, e.changedBy, e.at);
    }
}

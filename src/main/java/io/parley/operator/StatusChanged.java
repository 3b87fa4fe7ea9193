package io.parley.operator;

/**
 * The data of {@value #TYPE} events on {@code parley.events}; the event's subject and Kafka key are the operator's
 * subject.
 *
 * @param subject the operator's token subject
 * @param previous the status before the change
 * @param changedBy the token subject of whoever changed it (the operator, a supervisor or an administrator)
 */
public record StatusChanged(String subject, OperatorStatus status, OperatorStatus previous, String reason,
        String changedBy) {

    public static final String TYPE = "io.parley.operator.status-changed";
}

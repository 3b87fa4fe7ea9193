package io.parley.operator;

/**
 * An operator's availability.
 * <p>
 * Any status may change to any other, set by the operator themself, by a supervisor (an override), or, once the
 * operator push API exists, by Parley (for example OFFLINE when the operator's console disconnects). Every change is written to
 * the status log with who made it
 * and published as {@code io.parley.operator.status-changed}. Only {@link #AVAILABLE} operators with spare capacity
 * will receive conversation offers (routing is not built yet). A new profile starts {@link #OFFLINE}.
 */
public enum OperatorStatus {
    /** Ready for new conversations. */
    AVAILABLE,
    /** Working, but not taking new conversations. */
    BUSY,
    /** On a break. */
    BREAK,
    /** In a meeting or training. */
    MEETING,
    /** Not working. */
    OFFLINE
}

package io.parley.conversation;

/**
 * The life of a session (a conversation with one customer, across channels).
 *
 * <pre>
 *            first message, or a message after the reopen window
 *   (none) ───────────────────────────────────────────────────────► OPEN ◄──┐ message from the customer
 *                                                                    │  ▲  ──┘ (any channel): continues
 *             inactivity timeout, or closed by an operator/supervisor │  │
 *                                                                    ▼  │ message within the reopen window
 *                                                                  CLOSED ──┘ (reopened, same session)
 * </pre>
 *
 * A customer has at most one OPEN session (enforced by a unique index).
 */
public enum SessionState {
    OPEN,
    CLOSED
}

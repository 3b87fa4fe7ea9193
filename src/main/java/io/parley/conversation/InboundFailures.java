package io.parley.conversation;

import java.time.DateTimeException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.pgclient.PgException;

/**
 * Tells a failure that will happen again whatever the pipeline does (the record itself is unusable: a value
 * PostgreSQL refuses, a violated constraint, a programming error on this input) from one that may pass on the next
 * attempt (the database unreachable, a lock conflict, a unique-key race between instances, a time-out).
 */
final class InboundFailures {

    private InboundFailures() {
    }

    /** Whether retrying the same record cannot help: it is parked at once. */
    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return permanentState(pg.getSqlState());
            }
            if (t instanceof JsonProcessingException || t instanceof IllegalArgumentException
                    || t instanceof DateTimeException || t instanceof ArithmeticException
                    || t instanceof NullPointerException || t instanceof ClassCastException) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 22 (data exception: NUL in text, a date out of range), 23 (integrity constraint, but for a
     * unique-key race, which the next attempt sees as a duplicate) and 42 (syntax or access rule).
     */
    static boolean permanentState(String state) {
        return state.startsWith("22") || state.startsWith("42") || state.startsWith("23") && !"23505".equals(state);
    }

    /**
     * A short reason for logs, headers and events: PostgreSQL's SQLSTATE, or the class of the root cause (under
     * wrappers such as "retries exhausted"). Never a message, which may quote the record's content.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return "PostgreSQL " + pg.getSqlState();
            }
            root = t;
        }
        return root.getClass().getSimpleName();
    }
}

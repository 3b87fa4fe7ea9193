package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A waiting routing task as locked for a decision.
 *
 * @param queue the queue it waits in ({@code null} before its first decision)
 * @param step the position on its rule's ladder of targets
 * @param stepTimeoutAt when the current target times out ({@code null}: never)
 * @param attributes what rules see, as JSON text
 * @param preferredOperator the operator it had before (reopened conversations)
 * @param forcedQueue the queue a transfer sent it to, bypassing the rules
 */
record WaitingTask(UUID sessionId, String queue, int step, OffsetDateTime stepTimeoutAt, String channelKind,
        String attributes, String preferredOperator, String forcedQueue, int priority) {

    static final String COLUMNS = "session_id, queue, step, step_timeout_at, channel_kind,"
            + " attributes::text AS attributes, preferred_operator, forced_queue, priority";

    static WaitingTask of(Row row) {
        return new WaitingTask(row.getUUID("session_id"), row.getString("queue"), row.getInteger("step"),
                row.getOffsetDateTime("step_timeout_at"), row.getString("channel_kind"), row.getString("attributes"),
                row.getString("preferred_operator"), row.getString("forced_queue"), row.getInteger("priority"));
    }
}

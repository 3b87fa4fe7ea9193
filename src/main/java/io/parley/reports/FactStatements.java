package io.parley.reports;

/** The statements that write the reporting facts (see docs/reports.md); parameter 1 is the subject, 2 the time. */
final class FactStatements {

    static final String OPENED = "INSERT INTO conversation_facts (session_id, customer_id, channel_type, opened_at)"
            + " SELECT CAST(?1 AS uuid), CAST(?3 AS uuid), type, CAST(?2 AS timestamptz) FROM channels WHERE id = ?4 ON CONFLICT (session_id) DO NOTHING";

    static final String REOPENED = "UPDATE conversation_facts SET reopened = reopened + 1, closed_at = NULL,"
            + " close_reason = NULL, closed_by_operator = FALSE, changed_at = now() WHERE session_id = ?1";

    static final String CUSTOMER_MESSAGE = "UPDATE conversation_facts SET customer_messages = customer_messages + 1,"
            + " changed_at = now() WHERE session_id = ?1";

    static final String OPERATOR_MESSAGE = "UPDATE conversation_facts SET operator_messages = operator_messages + 1,"
            + " first_reply_at = CASE WHEN queued_at IS NULL THEN first_reply_at ELSE coalesce(first_reply_at, ?2) END,"
            + " first_reply_operator = CASE WHEN queued_at IS NULL THEN first_reply_operator"
            + " ELSE coalesce(first_reply_operator, CAST(?3 AS text)) END, changed_at = now() WHERE session_id = ?1";

    static final String DELIVERY_FAILED = "UPDATE conversation_facts SET delivery_failures = delivery_failures + 1,"
            + " changed_at = now() WHERE session_id = ?1";

    static final String CLOSED = "UPDATE conversation_facts SET closed_at = ?2, close_reason = CAST(?3 AS text),"
            + " closed_by_operator = ?4, wrap_up_category = coalesce(CAST(?5 AS text), wrap_up_category),"
            + " wrap_up_resolution = coalesce(CAST(?6 AS text), wrap_up_resolution),"
            + " category = coalesce((SELECT category FROM session_classifications WHERE session_id = ?1), category),"
            + " spam = coalesce((SELECT spam FROM session_classifications WHERE session_id = ?1), spam),"
            + " changed_at = now() WHERE session_id = ?1";

    static final String QUEUED = "UPDATE conversation_facts SET queued_at = coalesce(queued_at, ?2),"
            + " queue = coalesce(queue, ?3), last_queue = ?3,"
            + " sla_target_seconds = CASE WHEN queued_at IS NULL"
            + " THEN (SELECT sla_first_response_seconds FROM queues WHERE id = ?3) ELSE sla_target_seconds END,"
            + " category = coalesce((SELECT category FROM session_classifications WHERE session_id = ?1), category),"
            + " changed_at = now() WHERE session_id = ?1";

    /** The time ({@code ?2}) is not stored, but every statement takes it: PostgreSQL must learn its type. */
    static final String ESCALATED = "UPDATE conversation_facts SET last_queue = ?3, changed_at = now()"
            + " WHERE session_id = ?1 AND cast(?2 AS timestamptz) IS NOT NULL";

    static final String OFFERED = "UPDATE conversation_facts SET first_offered_at = coalesce(first_offered_at, ?2),"
            + " offers = offers + 1, changed_at = now() WHERE session_id = ?1";

    static final String ASSIGNED = "UPDATE conversation_facts SET accepted_at = coalesce(accepted_at, ?2),"
            + " first_operator = coalesce(first_operator, ?3), operator = ?3,"
            + " operators = CASE WHEN ?3 = ANY (operators) THEN operators ELSE array_append(operators, ?3) END,"
            + " changed_at = now() WHERE session_id = ?1";

    static final String HANDLER = "SELECT operator FROM conversation_facts WHERE session_id = ?1";

    static final String TRANSFERRED = "UPDATE conversation_facts SET transfers = transfers + 1,"
            + " first_transfer_at = coalesce(first_transfer_at, ?2), operator = CAST(?3 AS text),"
            + " operators = CASE WHEN CAST(?3 AS text) IS NULL OR CAST(?3 AS text) = ANY (operators) THEN operators"
            + " ELSE array_append(operators, CAST(?3 AS text)) END,"
            + " last_queue = CASE WHEN CAST(?3 AS text) IS NULL THEN CAST(?4 AS text) ELSE last_queue END,"
            + " changed_at = now() WHERE session_id = ?1";

    static final String SLA_BREACHED = "UPDATE conversation_facts SET sla_breached = TRUE, changed_at = now()"
            + " WHERE session_id = ?1";

    static final String OFFER_OUTCOME = "INSERT INTO report_offers_hourly AS r (bucket, operator, queue, %1$s)"
            + " VALUES (CAST(?2 AS timestamptz), CAST(?1 AS text), CAST(?3 AS text), 1) ON CONFLICT (bucket, operator, queue) DO UPDATE SET %1$s = r.%1$s + 1";

    /** The operator's state after the change: the status given as parameter 3 (else their current one) and load. */
    private static final String NEW_STATE = "SELECT coalesce(CAST(?3 AS text), (SELECT status FROM operators"
            + " WHERE subject = ?1), 'OFFLINE') AS status, (SELECT count(*) FROM routing_tasks WHERE assignee = ?1"
            + " AND state = 'ASSIGNED') AS load";

    static final String STATE_ENDED = "UPDATE operator_state_intervals i SET ended_at = ?2, changed_at = now()"
            + " FROM (" + NEW_STATE
            + ") n WHERE i.subject = ?1 AND i.ended_at IS NULL AND (i.status, i.load) IS DISTINCT FROM (n.status, n.load)";

    static final String STATE_STARTED = "INSERT INTO operator_state_intervals (subject, status, load, started_at)"
            + " SELECT CAST(?1 AS text), n.status, n.load, CAST(?2 AS timestamptz) FROM (" + NEW_STATE + ") n"
            + " ON CONFLICT (subject) WHERE ended_at IS NULL DO NOTHING";

    private FactStatements() {
    }
}

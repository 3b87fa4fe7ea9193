package io.parley.privacy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.common.problem.ProblemException;
import io.parley.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer's personal data on request (152-FZ art. 14 and 21, GDPR art. 15, 17 and 20): everything Parley keeps about
 * them as one JSON document, and an erasure that removes it everywhere Parley keeps it in PostgreSQL, in one
 * transaction, audited and evented ({@code io.parley.customer.erased}) so that CRMs erase their copies. Customers merged
 * into this one are included. Counts and timestamps stay, so reports keep adding up.
 */
@ApplicationScoped
class CustomerData {

    static final String ERASED = "io.parley.customer.erased";
    private static final Logger LOG = Logger.getLogger(CustomerData.class);

    /** The customer and everyone merged into them. */
    private static final String WHO = "(SELECT id FROM customers WHERE id = $1 OR merged_into = $1)";
    private static final String SESSIONS = "(SELECT id FROM sessions WHERE customer_id IN " + WHO + ")";
    private static final String MESSAGES = "(SELECT id FROM messages WHERE customer_id IN " + WHO + ")";

    /** Each part of the export: its name and the query giving it as one JSON array. */
    private static final List<String[]> EXPORT = List.of(
            new String[] { "customers", "SELECT id, display_name, username, phone, email, language, merged_into,"
                    + " attributes, created_at, updated_at FROM customers WHERE id IN " + WHO },
            new String[] { "verifiedIdentifiers", "SELECT kind, value FROM customer_verified_ids WHERE customer_id IN "
                    + WHO },
            new String[] { "identities", "SELECT i.id, c.type AS channel_type, c.name AS channel, i.external_user_id,"
                    + " i.display_name, i.username, i.phone, i.email, i.unreachable, i.created_at"
                    + " FROM channel_identities i JOIN channels c ON c.id = i.channel_id WHERE i.customer_id IN " + WHO },
            new String[] { "sessions", "SELECT id, state, assignee, opened_at, closed_at, close_reason, wrap_up_category,"
                    + " wrap_up_resolution FROM sessions WHERE id IN " + SESSIONS + " ORDER BY opened_at" },
            new String[] { "messages", "SELECT m.id, m.session_id, m.channel_type, m.direction, m.author, m.subject,"
                    + " m.text, m.attachments, h.html, m.delivery_status, m.sent_at FROM messages m"
                    + " LEFT JOIN message_html h ON h.message_id = m.id WHERE m.id IN " + MESSAGES
                    + " ORDER BY m.sent_at, m.seq" },
            new String[] { "notes", "SELECT id, session_id, author, text, created_at FROM session_notes"
                    + " WHERE session_id IN " + SESSIONS + " ORDER BY created_at" },
            new String[] { "classifications", "SELECT session_id, category, source, spam, language, updated_at"
                    + " FROM session_classifications WHERE session_id IN " + SESSIONS });

    /** The erasure, in order (children before the rows they name). */
    private static final List<String> ERASE = List.of(
            "DELETE FROM uploads WHERE id IN (SELECT (regexp_matches(attachments, '/files/([0-9a-f-]{36})/', 'g'))[1]"
                    + "::uuid FROM messages WHERE id IN " + MESSAGES + ")",
            "DELETE FROM message_html WHERE message_id IN " + MESSAGES,
            "DELETE FROM dead_letters WHERE message_id IN " + MESSAGES,
            "DELETE FROM classification_labels WHERE session_id IN " + SESSIONS,
            "DELETE FROM menu_sessions WHERE session_id IN " + SESSIONS,
            "DELETE FROM session_notes WHERE session_id IN " + SESSIONS,
            "DELETE FROM operator_events WHERE payload ->> 'customerId' IN (SELECT id::text FROM customers WHERE id IN "
                    + WHO + ") OR payload ->> 'sessionId' IN (SELECT id::text FROM sessions WHERE id IN " + SESSIONS
                    + ")",
            "UPDATE routing_tasks SET attributes = '{}'::jsonb WHERE session_id IN " + SESSIONS,
            "UPDATE routing_decisions SET decision = '{\"erased\": true}'::jsonb WHERE session_id IN " + SESSIONS,
            "UPDATE messages SET text = NULL, subject = NULL, thread_topic = NULL, has_html = FALSE, attachments = '[]',"
                    + " external_chat_id = 'erased', external_id = NULL, failure_reason = NULL WHERE id IN " + MESSAGES,
            "DELETE FROM customer_verified_ids WHERE customer_id IN " + WHO,
            "UPDATE channel_identities SET external_user_id = 'erased:' || id, display_name = NULL, username = NULL,"
                    + " phone = NULL, email = NULL WHERE customer_id IN " + WHO,
            "UPDATE customers SET display_name = NULL, username = NULL, phone = NULL, email = NULL, language = NULL,"
                    + " attributes = '{}'::jsonb, updated_at = now() WHERE id IN " + WHO);

    /** The event's data: which customer, when, by whom (never what was erased). */
    record Erased(UUID customerId, String by, String reason) {
    }

    private final Pool pool;
    private final EventPublisher events;

    CustomerData(Pool pool, EventPublisher events) {
        this.pool = pool;
        this.events = events;
    }

    Uni<JsonObject> export(UUID customerId) {
        return pool.withTransaction(c -> exists(c, customerId).chain(() -> {
            JsonObject out = new JsonObject().put("customerId", customerId.toString());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String[] part : EXPORT) {
                chain = chain.chain(() -> c.preparedQuery("SELECT coalesce(json_agg(row_to_json(x)), '[]') AS rows"
                        + " FROM (" + part[1] + ") x").execute(Tuple.of(customerId))
                        .invoke(rows -> out.put(part[0], (JsonArray) rows.iterator().next().getValue("rows")))
                        .replaceWithVoid());
            }
            return chain.replaceWith(out);
        }));
    }

    Uni<Void> erase(UUID customerId, String by, String reason) {
        return pool.withTransaction(c -> exists(c, customerId).chain(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String statement : ERASE) {
                chain = chain.chain(() -> c.preparedQuery(statement).execute(Tuple.of(customerId)).replaceWithVoid());
            }
            return chain
                    .chain(() -> c.preparedQuery("INSERT INTO audit_log (actor, action, subject, details)"
                            + " VALUES ($1, 'customer.erased', $2, $3)").execute(Tuple.of(by, customerId.toString(),
                                    new JsonObject().put("reason", reason))))
                    .chain(() -> events.publish(c, ERASED, customerId.toString(), customerId.toString(),
                            new Erased(customerId, by, reason)));
        })).invoke(() -> LOG.infof("Customer %s erased by %s", customerId, by));
    }

    private static Uni<Void> exists(SqlConnection c, UUID customerId) {
        return c.preparedQuery("SELECT 1 FROM customers WHERE id = $1").execute(Tuple.of(customerId))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Customer " + customerId);
                    }
                }).replaceWithVoid();
    }
}
